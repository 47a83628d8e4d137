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
    }
}
