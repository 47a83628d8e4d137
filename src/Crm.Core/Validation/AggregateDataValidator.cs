using System.Text.RegularExpressions;
using Crm.Customers;
using FluentValidation;

namespace Crm.Validation;

/// <summary>
/// The FluentValidation rules shared by every customer aggregate. Runs after normalisation, so
/// emails are lower-case and valid phones are E.164 by then; invalid phones are reported by the
/// normaliser. The collections are checked by one custom rule each, looping over their elements:
/// FluentValidation's child validators cost several microseconds per element, which imports of
/// millions of contacts cannot afford.
/// </summary>
/// <typeparam name="T">The data record.</typeparam>
public abstract partial class AggregateDataValidator<T> : AbstractValidator<T> where T : AggregateData
{
    /// <summary>Declares the shared rules.</summary>
    protected AggregateDataValidator()
    {
        RuleFor(x => x.Classification).StorableText(CustomerLimits.ClassificationLength);
        RuleFor(x => x.LifecycleStage).Custom((stage, context) =>
        {
            // Not IsInEnum(): its reflection made it the most expensive rule of a contact.
            if (stage is < LifecycleStage.Subscriber or > LifecycleStage.Other)
            {
                TextRules.Fail(context, null, CrmErrorCodes.InvalidValue, $"{(int)stage} is not a lifecycle stage.");
            }
        });
        RuleFor(x => x).Custom((data, context) =>
        {
            CheckContactPoints(data.ContactPoints, context);
            CheckAddresses(data.Addresses, context);
            CheckTags(data.Tags, context);
            CheckConsents(data.Consents, context);
            CheckAlternateKeys(data.AlternateKeys, context);
        });
    }

    /// <summary>Cuts a long value for an error message.</summary>
    /// <param name="value">The value.</param>
    /// <returns>At most 80 characters.</returns>
    protected static string Shorten(string? value) => value is null ? string.Empty : value.Length <= 80 ? value : value[..77] + "...";

    private static void CheckContactPoints(IReadOnlyList<ContactPoint> points, ValidationContext<T> context)
    {
        if (points.Count > CustomerLimits.MaxContactPoints)
        {
            Fail(context, "ContactPoints", CrmErrorCodes.TooMany, $"At most {CustomerLimits.MaxContactPoints} contact points; got {points.Count}.");
        }

        var primaryEmails = 0;
        var primaryPhones = 0;
        for (var i = 0; i < Math.Min(points.Count, CustomerLimits.MaxContactPoints); i++)
        {
            var point = points[i];
            if (!Enum.IsDefined(point.Kind) || !Enum.IsDefined(point.Label))
            {
                Fail(context, Path("ContactPoints", i), CrmErrorCodes.InvalidValue, "Unknown contact point kind or label.");
                continue;
            }

            if (point.IsPrimary)
            {
                _ = point.Kind == ContactPointKind.Email ? primaryEmails++ : primaryPhones++;
            }

            if (CheckText(context, "ContactPoints", i, "Value", point.Value, CustomerLimits.EmailLength, required: true)
                && point.Kind == ContactPointKind.Email && !EmailAddressRules.IsValid(point.Value))
            {
                Fail(context, Path("ContactPoints", i, "Value"), CrmErrorCodes.InvalidEmail, $"'{Shorten(point.Value)}' is not a valid email address.");
            }

            for (var j = 0; j < i; j++)
            {
                if (points[j].Kind == point.Kind && string.Equals(points[j].Value, point.Value, StringComparison.Ordinal))
                {
                    Fail(context, Path("ContactPoints", i, "Value"), CrmErrorCodes.DuplicateValue, $"'{Shorten(point.Value)}' is already listed at contactPoints[{j}].");
                    break;
                }
            }
        }

        if (primaryEmails > 1)
        {
            Fail(context, "ContactPoints", CrmErrorCodes.DuplicatePrimary, $"Only one email may be primary; {primaryEmails} are.");
        }

        if (primaryPhones > 1)
        {
            Fail(context, "ContactPoints", CrmErrorCodes.DuplicatePrimary, $"Only one phone may be primary; {primaryPhones} are.");
        }
    }

    private static void CheckAddresses(IReadOnlyList<Address> addresses, ValidationContext<T> context)
    {
        if (addresses.Count > CustomerLimits.MaxAddresses)
        {
            Fail(context, "Addresses", CrmErrorCodes.TooMany, $"At most {CustomerLimits.MaxAddresses} addresses; got {addresses.Count}.");
        }

        for (var i = 0; i < Math.Min(addresses.Count, CustomerLimits.MaxAddresses); i++)
        {
            var address = addresses[i];
            if (!Enum.IsDefined(address.Kind))
            {
                Fail(context, Path("Addresses", i, "Kind"), CrmErrorCodes.InvalidValue, "Unknown address kind.");
            }

            CheckText(context, "Addresses", i, "Line1", address.Line1, CustomerLimits.ShortText);
            CheckText(context, "Addresses", i, "Line2", address.Line2, CustomerLimits.ShortText);
            CheckText(context, "Addresses", i, "PostalCode", address.PostalCode, CustomerLimits.PostalCodeLength);
            CheckText(context, "Addresses", i, "City", address.City, CustomerLimits.ShortText);
            CheckText(context, "Addresses", i, "Region", address.Region, CustomerLimits.ShortText);
            if (address.CountryCode is { } country && !CountryCodePattern().IsMatch(country))
            {
                Fail(context, Path("Addresses", i, "CountryCode"), CrmErrorCodes.InvalidValue, "Must be an ISO 3166-1 alpha-2 code such as DE or US.");
            }
        }
    }

    private static void CheckTags(IReadOnlyList<string> tags, ValidationContext<T> context)
    {
        if (tags.Count > CustomerLimits.MaxTags)
        {
            Fail(context, "Tags", CrmErrorCodes.TooMany, $"At most {CustomerLimits.MaxTags} tags; got {tags.Count}.");
        }

        for (var i = 0; i < Math.Min(tags.Count, CustomerLimits.MaxTags); i++)
        {
            if (!TextRules.IsStorable(tags[i], CustomerLimits.TagLength, required: true))
            {
                TextRules.Check(context, tags[i], CustomerLimits.TagLength, required: true, Path("Tags", i));
            }
        }
    }

    private static void CheckConsents(IReadOnlyList<ChannelConsent> consents, ValidationContext<T> context)
    {
        for (var i = 0; i < Math.Min(consents.Count, 16); i++)
        {
            var consent = consents[i];
            if (!Enum.IsDefined(consent.Channel) || !Enum.IsDefined(consent.Status))
            {
                Fail(context, Path("Consents", i), CrmErrorCodes.InvalidValue, "Unknown consent channel or status.");
            }

            CheckText(context, "Consents", i, "Source", consent.Source, CustomerLimits.ShortText);
            for (var j = 0; j < i; j++)
            {
                if (consents[j].Channel == consent.Channel)
                {
                    Fail(context, Path("Consents", i, "Channel"), CrmErrorCodes.DuplicateValue, $"The channel {consent.Channel} already has a consent entry at consents[{j}].");
                    break;
                }
            }
        }
    }

    private static void CheckAlternateKeys(IReadOnlyList<AlternateKey> keys, ValidationContext<T> context)
    {
        if (keys.Count > CustomerLimits.MaxAlternateKeys)
        {
            Fail(context, "AlternateKeys", CrmErrorCodes.TooMany, $"At most {CustomerLimits.MaxAlternateKeys} alternate keys; got {keys.Count}.");
        }

        for (var i = 0; i < Math.Min(keys.Count, CustomerLimits.MaxAlternateKeys); i++)
        {
            var key = keys[i];
            if (key.Name is null || !KeyNamePattern().IsMatch(key.Name))
            {
                Fail(context, Path("AlternateKeys", i, "Name"), CrmErrorCodes.InvalidValue, "Must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$.");
            }

            CheckText(context, "AlternateKeys", i, "Value", key.Value, CustomerLimits.AlternateKeyValueLength, required: true);
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(keys[j].Name, key.Name, StringComparison.Ordinal))
                {
                    Fail(context, Path("AlternateKeys", i, "Name"), CrmErrorCodes.DuplicateValue, $"The key name '{Shorten(key.Name)}' appears twice; a record has one value per key name.");
                    break;
                }
            }
        }
    }

    // Paths are built only when a check fails: valid records (nearly all of an import) allocate none.
    private static bool CheckText(ValidationContext<T> context, string collection, int index, string property, string? text, int maxLength, bool required = false) =>
        TextRules.IsStorable(text, maxLength, required) || TextRules.Check(context, text, maxLength, required, Path(collection, index, property));

    private static string Path(string collection, int index, string? property = null) =>
        property is null ? $"{collection}[{index}]" : $"{collection}[{index}].{property}";

    private static void Fail(ValidationContext<T> context, string path, string code, string message) => TextRules.Fail(context, path, code, message);

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCodePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyNamePattern();
}
