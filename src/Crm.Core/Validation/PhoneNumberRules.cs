using PhoneNumbers;

namespace Crm.Validation;

/// <summary>
/// Phone numbers are read with libphonenumber: international numbers as written, national numbers
/// in the tenant's default region, and stored in E.164 (<c>+4930123456</c>). A number that does not
/// parse, or parses but is not a valid number for its region, is rejected.
/// </summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Converts a number to E.164.</summary>
    /// <param name="number">The number as entered.</param>
    /// <param name="defaultRegion">The ISO 3166-1 alpha-2 region for national numbers.</param>
    /// <param name="e164">The E.164 form, when valid.</param>
    /// <returns>Whether the number is valid.</returns>
    public static bool TryNormalize(string? number, string defaultRegion, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(number) || number.Length > 64)
        {
            return false;
        }

        try
        {
            var parsed = Util.Parse(number, defaultRegion);
            if (!Util.IsValidNumber(parsed))
            {
                return false;
            }

            e164 = Util.Format(parsed, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Whether a region code is one libphonenumber knows (for tenant settings).</summary>
    /// <param name="region">The region code.</param>
    /// <returns>Whether it is supported.</returns>
    public static bool IsSupportedRegion(string? region) => region is not null && Util.GetSupportedRegions().Contains(region);
}
