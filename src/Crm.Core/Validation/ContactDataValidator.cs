using Crm.Customers;
using FluentValidation;

namespace Crm.Validation;

/// <summary>Validates a contact: a first or last name, storable texts, and the shared rules.</summary>
public sealed class ContactDataValidator : AggregateDataValidator<ContactData>
{
    /// <summary>Declares the rules.</summary>
    public ContactDataValidator()
    {
        RuleFor(x => x.LastName)
            .Must((contact, last) => !string.IsNullOrWhiteSpace(last) || !string.IsNullOrWhiteSpace(contact.FirstName))
            .WithErrorCode(CrmErrorCodes.Required)
            .WithMessage("A contact needs a first or a last name.");
        RuleFor(x => x.FirstName).StorableText(CustomerLimits.NameLength);
        RuleFor(x => x.LastName).StorableText(CustomerLimits.NameLength);
        RuleFor(x => x.JobTitle).StorableText(CustomerLimits.NameLength);
    }
}
