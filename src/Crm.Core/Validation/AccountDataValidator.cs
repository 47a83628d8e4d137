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
    }
}
