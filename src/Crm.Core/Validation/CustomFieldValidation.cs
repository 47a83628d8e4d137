using System.Collections.Immutable;
using Crm.CustomFields;
using NodaTime.Text;

namespace Crm.Validation;

/// <summary>Checks custom field values against a tenant's schema, converting ISO text to dates and instants where the schema declares them.</summary>
internal static class CustomFieldValidation
{
    public static IReadOnlyDictionary<string, ScalarValue> Check(IReadOnlyDictionary<string, ScalarValue> values, CustomFieldSchema schema, List<CrmError> errors)
    {
        ImmutableSortedDictionary<string, ScalarValue>.Builder? converted = null;
        if (values.Count > CustomFieldLimits.MaxFieldsPerRecord)
        {
            errors.Add(new CrmError(CrmErrorCodes.TooMany, $"At most {CustomFieldLimits.MaxFieldsPerRecord} custom fields per record; got {values.Count}.", "customFields"));
            return values;
        }

        foreach (var (name, value) in values)
        {
            var path = "customFields." + Shorten(name);
            if (!schema.TryGetField(name, out var field))
            {
                var suggestion = schema.Suggest(name);
                errors.Add(new CrmError(
                    CrmErrorCodes.UnknownCustomField,
                    $"'{Shorten(name)}' is not a custom field of {schema.EntityType}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"),
                    path));
                continue;
            }

            if (value is null)
            {
                continue;
            }

            var typed = Convert(value, field);
            if (typed is null)
            {
                errors.Add(new CrmError(CrmErrorCodes.CustomFieldType, $"Expects a {Describe(field.Type)}, got {value.Kind.ToString().ToLowerInvariant()} '{Shorten(value.ToString())}'.", path));
                continue;
            }

            CheckValue(typed, field, path, errors);
            if (!ReferenceEquals(typed, value))
            {
                converted ??= CustomFieldMaps.ToSorted(values).ToBuilder();
                converted[name] = typed;
            }
        }

        foreach (var field in schema.Fields)
        {
            if (field.Required && (!values.TryGetValue(field.Name, out var v) || v is null))
            {
                errors.Add(new CrmError(CrmErrorCodes.Required, $"The custom field '{field.Name}' is required.", "customFields." + field.Name));
            }
        }

        return converted?.ToImmutable() ?? values;
    }

    private static ScalarValue? Convert(ScalarValue value, CustomFieldDefinition field)
    {
        if (value.Kind == field.ValueKind)
        {
            return value;
        }

        if (value.Kind != ScalarKind.Text)
        {
            return null;
        }

        var text = value.AsText();
        return field.Type switch
        {
            CustomFieldType.Date when LocalDatePattern.Iso.Parse(text) is { Success: true, Value.Year: >= 1 } date => ScalarValue.Date(date.Value),
            CustomFieldType.Instant when InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant => ScalarValue.Instant(instant.Value),
            _ => null,
        };
    }

    private static void CheckValue(ScalarValue value, CustomFieldDefinition field, string path, List<CrmError> errors)
    {
        switch (field.Type)
        {
            case CustomFieldType.Text:
                var text = value.AsText();
                if (text.Length > field.MaxLength)
                {
                    errors.Add(new CrmError(CrmErrorCodes.TooLong, $"Must be at most {field.MaxLength} characters; got {text.Length}.", path));
                }
                else if (text.Contains('\0', StringComparison.Ordinal))
                {
                    errors.Add(new CrmError(CrmErrorCodes.ContainsNul, "Must not contain NUL characters (U+0000).", path));
                }

                break;
            case CustomFieldType.Choice:
                if (!field.Choices.Contains(value.AsText(), StringComparer.Ordinal))
                {
                    errors.Add(new CrmError(CrmErrorCodes.InvalidValue, $"'{Shorten(value.AsText())}' is not one of: {string.Join(", ", field.Choices)}.", path));
                }

                break;
            case CustomFieldType.Number:
                var number = value.AsNumber();
                if (number < field.Minimum || number > field.Maximum)
                {
                    errors.Add(new CrmError(CrmErrorCodes.OutOfRange, $"Must be between {field.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-inf"} and {field.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "+inf"}; got {value}.", path));
                }

                break;
            case CustomFieldType.Date or CustomFieldType.Instant:
                // Stores compare dates and instants as fixed-width ISO text: years 1 to 9999 only.
                var year = field.Type == CustomFieldType.Date ? value.AsDate().Year : value.AsInstant().InUtc().Year;
                if (year is < 1 or > 9999)
                {
                    errors.Add(new CrmError(CrmErrorCodes.OutOfRange, $"Must be in the years 1 to 9999; got {value}.", path));
                }

                break;
        }
    }

    private static string Describe(CustomFieldType type) => type switch
    {
        CustomFieldType.Date => "date (\"yyyy-MM-dd\")",
        CustomFieldType.Instant => "instant (\"yyyy-MM-ddTHH:mm:ssZ\")",
        CustomFieldType.Choice => "choice (text)",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
