using System.Text.RegularExpressions;
using Crm.Customers;
using FluentValidation;

namespace Crm.Validation;

/// <summary>
/// The FluentValidation rules shared by every aggregate family (tags, alternate keys). The collections are checked by one custom rule each, looping over their elements:
/// FluentValidation's child validators cost several microseconds per element, which imports of
/// millions of contacts cannot afford.
/// </summary>
/// <typeparam name="T">The data record.</typeparam>
public abstract partial class AggregateDataValidator<T> : AbstractValidator<T> where T : AggregateData
{
    /// <summary>Declares the shared rules.</summary>
    protected AggregateDataValidator()
    {
        RuleFor(x => x).Custom((data, context) =>
        {
            CheckTags(data.Tags, context);
            CheckAlternateKeys(data.AlternateKeys, context);
        });
    }

    /// <summary>Cuts a long value for an error message.</summary>
    /// <param name="value">The value.</param>
    /// <returns>At most 80 characters.</returns>
    protected static string Shorten(string? value) => value is null ? string.Empty : value.Length <= 80 ? value : value[..77] + "...";

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

    /// <summary>Checks a text inside a collection element; builds the path only when the check fails.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="collection">The collection's property name.</param>
    /// <param name="index">The element's index.</param>
    /// <param name="property">The element's property name.</param>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The most characters.</param>
    /// <param name="required">Whether it must not be blank.</param>
    /// <returns>Whether it is valid.</returns>
    // Paths are built only when a check fails: valid records (nearly all of an import) allocate none.
    protected static bool CheckText(ValidationContext<T> context, string collection, int index, string property, string? text, int maxLength, bool required = false) =>
        TextRules.IsStorable(text, maxLength, required) || TextRules.Check(context, text, maxLength, required, Path(collection, index, property));

    /// <summary>Checks a list of codes (roles, kinds): at most 16, each 1–64 storable characters, distinct.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="path">The list's property path.</param>
    /// <param name="codes">The codes.</param>
    protected static void CheckCodes(ValidationContext<T> context, string path, IReadOnlyList<string>? codes)
    {
        if (codes is null)
        {
            Fail(context, path, CrmErrorCodes.Required, "Must not be null; use an empty list.");
            return;
        }

        if (codes.Count > CustomerLimits.MaxCodes)
        {
            Fail(context, path, CrmErrorCodes.TooMany, $"At most {CustomerLimits.MaxCodes} codes; got {codes.Count}.");
        }

        for (var i = 0; i < Math.Min(codes.Count, CustomerLimits.MaxCodes); i++)
        {
            if (!TextRules.IsStorable(codes[i], CustomerLimits.CodeLength, required: true))
            {
                TextRules.Check(context, codes[i], CustomerLimits.CodeLength, required: true, $"{path}[{i}]");
            }
            else if (codes.Take(i).Contains(codes[i], StringComparer.Ordinal))
            {
                Fail(context, $"{path}[{i}]", CrmErrorCodes.DuplicateValue, $"'{Shorten(codes[i])}' is listed twice.");
            }
        }
    }

    /// <summary>Checks that a period does not end before it starts.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="path">The property path of its end.</param>
    /// <param name="since">The first day.</param>
    /// <param name="until">The last day.</param>
    protected static void CheckPeriod(ValidationContext<T> context, string path, NodaTime.LocalDate? since, NodaTime.LocalDate? until)
    {
        if (since is { } start && until is { } end && end < start)
        {
            Fail(context, path, CrmErrorCodes.InvalidValue, $"The period ends ({end:uuuu-MM-dd}) before it starts ({start:uuuu-MM-dd}).");
        }
    }

    /// <summary>The property path of a collection element (<c>Tags[2]</c>, <c>Addresses[0].City</c>).</summary>
    /// <param name="collection">The collection's property name.</param>
    /// <param name="index">The index.</param>
    /// <param name="property">The element's property, if any.</param>
    /// <returns>The path.</returns>
    protected static string Path(string collection, int index, string? property = null) =>
        property is null ? $"{collection}[{index}]" : $"{collection}[{index}].{property}";

    /// <summary>Adds a failure with a path, a code and a message.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="path">The property path.</param>
    /// <param name="code">The error code.</param>
    /// <param name="message">The message.</param>
    protected static void Fail(ValidationContext<T> context, string path, string code, string message) => TextRules.Fail(context, path, code, message);

    /// <summary>Checks a text at a path: at most <paramref name="maxLength"/> characters, no NUL, not blank when required (for validators of modules' families).</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="path">The property path (<c>Name</c>).</param>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The most characters.</param>
    /// <param name="required">Whether it must be present and not blank.</param>
    /// <returns>Whether it passed.</returns>
    protected static bool CheckText(ValidationContext<T> context, string path, string? text, int maxLength, bool required) => TextRules.Check(context, text, maxLength, required, path);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyNamePattern();
}
