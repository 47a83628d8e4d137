using System.Text.RegularExpressions;
using Crm.Customers;
using FluentValidation;

namespace Crm.Validation;

/// <summary>
/// The FluentValidation rules shared by the customer aggregates, on top of
/// <see cref="AggregateDataValidator{T}"/>. Runs after normalisation, so emails are lower-case and
/// valid phones are E.164 by then; invalid phones are reported by the normaliser.
/// </summary>
/// <typeparam name="T">The data record.</typeparam>
public abstract partial class CustomerDataValidator<T> : AggregateDataValidator<T> where T : CustomerData
{
    /// <summary>Declares the customer rules.</summary>
    protected CustomerDataValidator()
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
            CheckConsents(data.Consents, context);
        });
    }

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
            if (!DefinedEnum<ContactPointKind>.IsDefined(point.Kind) || !DefinedEnum<ContactPointLabel>.IsDefined(point.Label))
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
            if (!DefinedEnum<AddressKind>.IsDefined(address.Kind))
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

    private static void CheckConsents(IReadOnlyList<ChannelConsent> consents, ValidationContext<T> context)
    {
        for (var i = 0; i < Math.Min(consents.Count, 16); i++)
        {
            var consent = consents[i];
            if (!DefinedEnum<ContactChannel>.IsDefined(consent.Channel) || !DefinedEnum<ConsentStatus>.IsDefined(consent.Status))
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

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCodePattern();
}
