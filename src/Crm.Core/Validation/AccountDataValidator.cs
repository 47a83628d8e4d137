using Crm.Customers;
using FluentValidation;

namespace Crm.Validation;

/// <summary>Validates an account: a name, storable texts, an absolute http(s) web site, and the shared rules.</summary>
public sealed class AccountDataValidator : CustomerDataValidator<AccountData>
{
    /// <summary>Declares the rules.</summary>
    public AccountDataValidator()
    {
        RuleFor(x => x.Name).RequiredText(CustomerLimits.NameLength);
        RuleFor(x => x.Industry).StorableText(CustomerLimits.ShortText);
        RuleFor(x => x.Website).Custom((website, context) =>
        {
            if (TextRules.Check(context, website, CustomerLimits.UrlLength, required: false) && website is not null
                && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                TextRules.Fail(context, null, CrmErrorCodes.InvalidValue, $"'{Shorten(website)}' is not an absolute http or https address.");
            }
        });
        RuleFor(x => x.Relationships).Custom((relationships, context) =>
        {
            if (relationships.Count > CustomerLimits.MaxLinks)
            {
                Fail(context, "Relationships", CrmErrorCodes.TooMany, $"At most {CustomerLimits.MaxLinks} relationships; got {relationships.Count}.");
            }

            for (var i = 0; i < Math.Min(relationships.Count, CustomerLimits.MaxLinks); i++)
            {
                var relationship = relationships[i];
                if (relationship is null)
                {
                    Fail(context, Path("Relationships", i), CrmErrorCodes.Required, "Must not be null.");
                    continue;
                }

                if (relationship.RelatedAccountId == context.InstanceToValidate.Id)
                {
                    Fail(context, Path("Relationships", i, "RelatedAccountId"), CrmErrorCodes.InvalidValue, "An account cannot have a relationship with itself.");
                }

                CheckText(context, "Relationships", i, "Kind", relationship.Kind, CustomerLimits.CodeLength, required: true);
                CheckPeriod(context, Path("Relationships", i, "Until"), relationship.Since, relationship.Until);
                for (var j = 0; j < i; j++)
                {
                    if (relationships[j] is { } other && other.RelatedAccountId == relationship.RelatedAccountId && other.Kind == relationship.Kind)
                    {
                        Fail(context, Path("Relationships", i), CrmErrorCodes.DuplicateValue, $"The same relationship is already listed at relationships[{j}].");
                        break;
                    }
                }
            }
        });
    }
}
