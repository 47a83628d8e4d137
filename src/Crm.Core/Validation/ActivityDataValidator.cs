using Crm.Timeline;
using FluentValidation;

namespace Crm.Validation;

/// <summary>Validates an activity: subject, known kind/direction/status, codes, participants (a record or an address each) and links.</summary>
public sealed class ActivityDataValidator : AggregateDataValidator<ActivityData>
{
    /// <summary>The most participants of one activity.</summary>
    public const int MaxParticipants = 100;

    /// <summary>The most links of one activity.</summary>
    public const int MaxLinks = 20;

    /// <summary>Declares the rules.</summary>
    public ActivityDataValidator()
    {
        RuleFor(x => x.Subject).RequiredText(CustomerLimits.ShortText);
        RuleFor(x => x.Channel).StorableText(CustomerLimits.CodeLength);
        RuleFor(x => x.BodyPreview).StorableText(ActivityData.PreviewLength);
        RuleFor(x => x).Custom((activity, context) =>
        {
            if (!Enum.IsDefined(activity.Kind) || !Enum.IsDefined(activity.Direction) || !Enum.IsDefined(activity.Status))
            {
                Fail(context, "Kind", CrmErrorCodes.InvalidValue, "Unknown activity kind, direction or status.");
            }

            if (activity.Duration is { } duration && duration < NodaTime.Duration.Zero)
            {
                Fail(context, "Duration", CrmErrorCodes.OutOfRange, "A duration cannot be negative.");
            }

            if (activity.CompletedAt is not null && activity.Status != ActivityStatus.Completed)
            {
                Fail(context, "CompletedAt", CrmErrorCodes.InvalidValue, "Only a completed activity has a completion time.");
            }

            CheckParticipants(activity.Participants, context);
            var links = activity.Links;
            if (links.Count > MaxLinks)
            {
                Fail(context, "Links", CrmErrorCodes.TooMany, $"At most {MaxLinks} links; got {links.Count}.");
            }

            for (var i = 0; i < Math.Min(links.Count, MaxLinks); i++)
            {
                CheckRef(context, Path("Links", i), links[i]);
            }
        });
    }

    private static void CheckParticipants(IReadOnlyList<ActivityParticipant> participants, ValidationContext<ActivityData> context)
    {
        if (participants.Count > MaxParticipants)
        {
            Fail(context, "Participants", CrmErrorCodes.TooMany, $"At most {MaxParticipants} participants; got {participants.Count}.");
        }

        for (var i = 0; i < Math.Min(participants.Count, MaxParticipants); i++)
        {
            var participant = participants[i];
            if (participant is null)
            {
                Fail(context, Path("Participants", i), CrmErrorCodes.Required, "Must not be null.");
                continue;
            }

            if (!Enum.IsDefined(participant.Role))
            {
                Fail(context, Path("Participants", i, "Role"), CrmErrorCodes.InvalidValue, "Unknown participant role.");
            }

            if (participant.Record is null && string.IsNullOrWhiteSpace(participant.Address))
            {
                Fail(context, Path("Participants", i), CrmErrorCodes.Required, "A participant needs a record or an address.");
            }

            if (participant.Record is { } record)
            {
                CheckRef(context, Path("Participants", i, "Record"), record);
            }

            CheckText(context, "Participants", i, "Address", participant.Address, CustomerLimits.EmailLength);
            CheckText(context, "Participants", i, "Name", participant.Name, CustomerLimits.NameLength);
        }
    }

    private static void CheckRef(ValidationContext<ActivityData> context, string path, RecordRef record)
    {
        if (!TextRules.IsStorable(record.EntityType, CustomerLimits.CodeLength, required: true) || record.Id == Guid.Empty)
        {
            Fail(context, path, CrmErrorCodes.InvalidValue, "A record reference needs an entity type (up to 64 characters) and a non-empty id.");
        }
    }
}
