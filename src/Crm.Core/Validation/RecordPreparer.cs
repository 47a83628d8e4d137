using Microsoft.Extensions.DependencyInjection;
using Crm.Customers;
using Crm.CustomFields;
using FluentValidation;

namespace Crm.Validation;

/// <summary>
/// Normalises and validates a record before it is staged for a commit: emails trimmed and
/// lower-cased, phones to E.164 with the tenant's region, country codes upper-cased, custom
/// fields checked against the schema, then the FluentValidation rules. Returns the normalised
/// record and every problem found.
/// </summary>
internal sealed class RecordPreparer(IServiceProvider services)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<AggregateData, FluentValidation.Results.ValidationResult>[]> _validators = new();

    /// <summary>Normalises and validates one record, then stamps it with the version and times it is written with.</summary>
    /// <param name="data">The record as staged.</param>
    /// <param name="version">The version it is written with.</param>
    /// <param name="createdAt">Its creation time as written.</param>
    /// <param name="updatedAt">Its change time as written.</param>
    /// <param name="settings">The tenant's settings (phone region).</param>
    /// <param name="schema">The tenant's custom fields for the record's family.</param>
    /// <param name="errors">Where problems are added, each for the record.</param>
    public AggregateData Prepare(AggregateData data, long version, NodaTime.Instant createdAt, NodaTime.Instant updatedAt, TenantSettings settings, CustomFieldSchema schema, List<CrmError> errors)
    {
        var start = errors.Count;
        data = CollectionGuard.Guard(data, errors);
        var fields = CustomFieldValidation.Check(data.CustomFields, schema, errors);

        // Validators (the SDK's and a host's) see the record as staged, normalised: its version and
        // times are those it was loaded with (0 for an insert), as a rule for new records expects.
        AggregateData normalized = data is CustomerData customer
            ? NormalizeCustomer(customer, fields, settings, errors)
            : ReferenceEquals(fields, data.CustomFields) ? data : data with { CustomFields = fields };

        foreach (var validate in ValidatorsFor(normalized.GetType()))
        {
            foreach (var failure in validate(normalized).Errors)
            {
                var path = ValidationPaths.ToJsonPath(failure.PropertyName);
                if (failure.ErrorCode == CrmErrorCodes.Required && failure.PropertyName.EndsWith(".Value", StringComparison.Ordinal)
                    && errors.Skip(start).Any(e => e.Path == path))
                {
                    continue; // the normaliser already reported this contact point
                }

                errors.Add(new CrmError(failure.ErrorCode, failure.ErrorMessage, path));
            }
        }

        for (var i = start; i < errors.Count; i++)
        {
            errors[i] = errors[i].For(data.Ref);
        }

        return normalized with { Version = version, CreatedAt = createdAt, UpdatedAt = updatedAt };
    }

    // One copy for everything normalisation changes (none when nothing changes).
    private static CustomerData NormalizeCustomer(CustomerData data, IReadOnlyDictionary<string, ScalarValue> fields, TenantSettings settings, List<CrmError> errors)
    {
        var points = NormalizePoints(data.ContactPoints, settings.DefaultPhoneRegion, errors);
        var addresses = NormalizeAddresses(data.Addresses);
        return ReferenceEquals(points, data.ContactPoints) && ReferenceEquals(addresses, data.Addresses) && ReferenceEquals(fields, data.CustomFields)
            ? data
            : data with { CustomFields = fields, ContactPoints = points, Addresses = addresses };
    }

    private static IReadOnlyList<Address> NormalizeAddresses(IReadOnlyList<Address> addresses) =>
        addresses.Any(a => a.CountryCode is { } c && !string.Equals(c, c.Trim().ToUpperInvariant(), StringComparison.Ordinal))
            ? System.Collections.Immutable.ImmutableArray.CreateRange(addresses.Select(a => a with { CountryCode = a.CountryCode?.Trim().ToUpperInvariant() }))
            : addresses;

    // Every IValidator<TData> registered in DI runs: the SDK's own and any a host or module adds.
    private Func<AggregateData, FluentValidation.Results.ValidationResult>[] ValidatorsFor(Type dataType) => _validators.GetOrAdd(dataType, static (type, services) =>
    {
        var validators = services.GetServices(typeof(IValidator<>).MakeGenericType(type)).ToArray();
        var run = typeof(RecordPreparer).GetMethod(nameof(Run), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type);
        return [.. validators.Select(v => run.CreateDelegate<Func<AggregateData, FluentValidation.Results.ValidationResult>>(v))];
    }, services);

    private static FluentValidation.Results.ValidationResult Run<TData>(IValidator<TData> validator, AggregateData data) where TData : AggregateData => validator.Validate((TData)data);

    private static IReadOnlyList<ContactPoint> NormalizePoints(IReadOnlyList<ContactPoint> points, string region, List<CrmError> errors)
    {
        ContactPoint[]? changed = null;
        for (var i = 0; i < Math.Min(points.Count, CustomerLimits.MaxContactPoints); i++)
        {
            var point = points[i];
            if (point.Value is null)
            {
                continue;
            }

            string value;
            if (point.Kind == ContactPointKind.Phone)
            {
                if (point.Value.Length > CustomerLimits.EmailLength || string.IsNullOrWhiteSpace(point.Value))
                {
                    continue; // length and blank are reported by the validator
                }

                if (!PhoneNumberRules.TryNormalize(point.Value, region, out var e164))
                {
                    errors.Add(new CrmError(CrmErrorCodes.InvalidPhone, $"'{point.Value}' is not a valid phone number (read with default region {region}).", $"contactPoints[{i}].value"));
                    continue;
                }

                value = e164;
            }
            else
            {
                value = EmailAddressRules.Normalize(point.Value);
            }

            if (value != point.Value)
            {
                changed ??= [.. points];
                changed[i] = point with { Value = value };
            }
        }

        return changed is null ? points : System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(changed);
    }
}
