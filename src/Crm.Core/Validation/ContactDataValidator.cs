using Crm.Customers;
using FluentValidation;

namespace Crm.Validation;

/// <summary>Validates a contact: a first or last name, storable texts, and the shared rules.</summary>
public sealed class ContactDataValidator : CustomerDataValidator<ContactData>
{
    /// <summary>Declares the rules.</summary>
    public ContactDataValidator()
    {
        RuleFor(x => x.FirstName).StorableText(CustomerLimits.NameLength);
        RuleFor(x => x.LastName).Custom((last, context) =>
        {
            if (string.IsNullOrWhiteSpace(last) && string.IsNullOrWhiteSpace(context.InstanceToValidate.FirstName))
            {
                TextRules.Fail(context, null, CrmErrorCodes.Required, "A contact needs a first or a last name.");
            }
            else
            {
                TextRules.Check(context, last, CustomerLimits.NameLength, required: false);
            }
        });
        RuleFor(x => x.JobTitle).StorableText(CustomerLimits.NameLength);
        RuleFor(x => x.AccountRoles).Custom((links, context) =>
        {
            if (links.Count > CustomerLimits.MaxLinks)
            {
                Fail(context, "AccountRoles", CrmErrorCodes.TooMany, $"At most {CustomerLimits.MaxLinks} account links; got {links.Count}.");
            }

            for (var i = 0; i < Math.Min(links.Count, CustomerLimits.MaxLinks); i++)
            {
                var link = links[i];
                if (link is null)
                {
                    Fail(context, Path("AccountRoles", i), CrmErrorCodes.Required, "Must not be null.");
                    continue;
                }

                CheckCodes(context, Path("AccountRoles", i, "Roles"), link.Roles);
                CheckPeriod(context, Path("AccountRoles", i, "Until"), link.Since, link.Until);
                for (var j = 0; j < i; j++)
                {
                    if (links[j]?.AccountId == link.AccountId)
                    {
                        Fail(context, Path("AccountRoles", i, "AccountId"), CrmErrorCodes.DuplicateValue, $"The account {link.AccountId} is already linked at accountRoles[{j}].");
                        break;
                    }
                }
            }
        });
    }
}
