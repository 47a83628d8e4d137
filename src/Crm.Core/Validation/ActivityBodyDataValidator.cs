using Crm.Timeline;
using FluentValidation;

namespace Crm.Validation;

/// <summary>Validates an activity body: storable text up to <see cref="ActivityBodyData.MaxLength"/> characters, a known media type.</summary>
public sealed class ActivityBodyDataValidator : AggregateDataValidator<ActivityBodyData>
{
    /// <summary>Declares the rules.</summary>
    public ActivityBodyDataValidator()
    {
        RuleFor(x => x.Text).StorableText(ActivityBodyData.MaxLength);
        RuleFor(x => x.ContentType).Custom((type, context) =>
        {
            if (type is not (ActivityBodyData.PlainText or ActivityBodyData.Html))
            {
                TextRules.Fail(context, null, CrmErrorCodes.InvalidValue, $"The body's media type must be {ActivityBodyData.PlainText} or {ActivityBodyData.Html}.");
            }
        });
    }
}
