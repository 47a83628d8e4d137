using System.Text.RegularExpressions;
using Crm.Customers;
using FluentValidation;

namespace Crm.Validation;

/// <summary>
/// The FluentValidation rules shared by every customer aggregate. Runs after normalisation, so
/// emails are lower-case and valid phones are E.164 by then; invalid phones are reported by the
/// normaliser.
/// </summary>
/// <typeparam name="T">The data record.</typeparam>
public abstract partial class AggregateDataValidator<T> : AbstractValidator<T> where T : AggregateData
{
    /// <summary>Declares the shared rules.</summary>
    protected AggregateDataValidator()
    {
        RuleFor(x => x.Classification).StorableText(CustomerLimits.ClassificationLength);
        RuleFor(x => x.LifecycleStage).IsInEnum().WithErrorCode(CrmErrorCodes.InvalidValue);

        RuleFor(x => x.ContactPoints)
            .Must(p => p.Count <= CustomerLimits.MaxContactPoints)
            .WithErrorCode(CrmErrorCodes.TooMany)
            .WithMessage($"At most {CustomerLimits.MaxContactPoints} contact points.")
            .Must(p => p.Where(c => c.IsPrimary).GroupBy(c => c.Kind).All(g => g.Count() == 1))
            .WithErrorCode(CrmErrorCodes.DuplicatePrimary)
            .WithMessage((_, p) => $"Only one {p.Where(c => c.IsPrimary).GroupBy(c => c.Kind).First(g => g.Count() > 1).Key.ToString().ToLowerInvariant()} may be primary; {p.Where(c => c.IsPrimary).GroupBy(c => c.Kind).First(g => g.Count() > 1).Count()} are.")
            .Must(p => p.Select(c => (c.Kind, c.Value)).Distinct().Count() == p.Count)
            .WithErrorCode(CrmErrorCodes.DuplicateValue)
            .WithMessage("The same email or phone is listed twice.");
        RuleForEach(x => x.ContactPoints).ChildRules(point =>
        {
            point.RuleFor(p => p.Kind).IsInEnum().WithErrorCode(CrmErrorCodes.InvalidValue);
            point.RuleFor(p => p.Label).IsInEnum().WithErrorCode(CrmErrorCodes.InvalidValue);
            point.RuleFor(p => p.Value).RequiredText(CustomerLimits.EmailLength);
            point.RuleFor(p => p.Value)
                .Must(EmailAddressRules.IsValid)
                .When(p => p.Kind == ContactPointKind.Email && !string.IsNullOrWhiteSpace(p.Value) && p.Value.Length <= CustomerLimits.EmailLength)
                .WithErrorCode(CrmErrorCodes.InvalidEmail)
                .WithMessage((_, v) => $"'{Shorten(v)}' is not a valid email address.");
        });

        RuleFor(x => x.Addresses)
            .Must(a => a.Count <= CustomerLimits.MaxAddresses)
            .WithErrorCode(CrmErrorCodes.TooMany)
            .WithMessage($"At most {CustomerLimits.MaxAddresses} addresses.");
        RuleForEach(x => x.Addresses).ChildRules(address =>
        {
            address.RuleFor(a => a.Kind).IsInEnum().WithErrorCode(CrmErrorCodes.InvalidValue);
            address.RuleFor(a => a.Line1).StorableText(CustomerLimits.ShortText);
            address.RuleFor(a => a.Line2).StorableText(CustomerLimits.ShortText);
            address.RuleFor(a => a.PostalCode).StorableText(32);
            address.RuleFor(a => a.City).StorableText(CustomerLimits.ShortText);
            address.RuleFor(a => a.Region).StorableText(CustomerLimits.ShortText);
            address.RuleFor(a => a.CountryCode)
                .Must(c => c is null || CountryCodePattern().IsMatch(c))
                .WithErrorCode(CrmErrorCodes.InvalidValue)
                .WithMessage("Must be an ISO 3166-1 alpha-2 code such as DE or US.");
        });

        RuleFor(x => x.Tags)
            .Must(t => t.Count <= CustomerLimits.MaxTags)
            .WithErrorCode(CrmErrorCodes.TooMany)
            .WithMessage($"At most {CustomerLimits.MaxTags} tags.");
        RuleForEach(x => x.Tags).RequiredText(64);

        RuleFor(x => x.Consents)
            .Must(c => c.Select(x => x.Channel).Distinct().Count() == c.Count)
            .WithErrorCode(CrmErrorCodes.DuplicateValue)
            .WithMessage("A channel has more than one consent entry.");
        RuleForEach(x => x.Consents).ChildRules(consent =>
        {
            consent.RuleFor(c => c.Channel).IsInEnum().WithErrorCode(CrmErrorCodes.InvalidValue);
            consent.RuleFor(c => c.Status).IsInEnum().WithErrorCode(CrmErrorCodes.InvalidValue);
            consent.RuleFor(c => c.Source).StorableText(CustomerLimits.ShortText);
        });

        RuleFor(x => x.AlternateKeys)
            .Must(k => k.Count <= CustomerLimits.MaxAlternateKeys)
            .WithErrorCode(CrmErrorCodes.TooMany)
            .WithMessage($"At most {CustomerLimits.MaxAlternateKeys} alternate keys.")
            .Must(k => k.Select(x => x.Name).Distinct(StringComparer.Ordinal).Count() == k.Count)
            .WithErrorCode(CrmErrorCodes.DuplicateValue)
            .WithMessage("An alternate key name appears twice; a record has one value per key name.");
        RuleForEach(x => x.AlternateKeys).ChildRules(key =>
        {
            key.RuleFor(k => k.Name)
                .Must(n => n is not null && KeyNamePattern().IsMatch(n))
                .WithErrorCode(CrmErrorCodes.InvalidValue)
                .WithMessage("Must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$.");
            key.RuleFor(k => k.Value).RequiredText(CustomerLimits.AlternateKeyValueLength);
        });
    }

    /// <summary>Cuts a long value for an error message.</summary>
    /// <param name="value">The value.</param>
    /// <returns>At most 80 characters.</returns>
    protected static string Shorten(string? value) => value is null ? string.Empty : value.Length <= 80 ? value : value[..77] + "...";

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCodePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyNamePattern();
}
