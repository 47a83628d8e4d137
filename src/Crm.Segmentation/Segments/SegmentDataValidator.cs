using Crm.Customers;
using Crm.Rules;
using Crm.Rules.Clr;
using Crm.Rules.Schema;
using Crm.Storage;
using Crm.Validation;
using FluentValidation;
using NodaTime;

namespace Crm.Segmentation;

/// <summary>
/// Validates a segment: a name; members of type contact or account; a dynamic segment's rule parses
/// and type-checks against its member type (the message carries line:column) and it lists no
/// members; a static one has no rule and at most <see cref="MaxStaticMembers"/> members; a schedule
/// of at least a minute.
/// </summary>
public sealed class SegmentDataValidator : AggregateDataValidator<SegmentData>
{
    /// <summary>The longest segment name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The most members a static segment lists (the list is stored in the segment's record).</summary>
    public const int MaxStaticMembers = 100_000;

    private static readonly Lazy<RuleSchema> ContactSchema = new(ClrRuleSchema.For<ContactData>);
    private static readonly Lazy<RuleSchema> AccountSchema = new(ClrRuleSchema.For<AccountData>);

    /// <summary>Declares the rules.</summary>
    public SegmentDataValidator()
    {
        RuleFor(x => x).Custom((segment, context) =>
        {
            CheckText(context, "Name", segment.Name, MaxNameLength, required: true);
            var schema = segment.MemberType switch
            {
                EntityTypes.Contact => ContactSchema.Value,
                EntityTypes.Account => AccountSchema.Value,
                _ => null,
            };
            if (schema is null)
            {
                Fail(context, "MemberType", CrmErrorCodes.InvalidValue, $"A segment holds contacts or accounts (memberType '{EntityTypes.Contact}' or '{EntityTypes.Account}'); got '{Shorten(segment.MemberType)}'.");
            }

            if (segment.Kind == SegmentKind.Dynamic)
            {
                CheckRule(segment.Rule, schema, context);
                if (segment.Members.Count > 0)
                {
                    Fail(context, "Members", CrmErrorCodes.InvalidValue, "A dynamic segment's members come from its rule; it lists none.");
                }
            }
            else
            {
                if (segment.Rule is not null)
                {
                    Fail(context, "Rule", CrmErrorCodes.InvalidValue, "A static segment's members are its list; it has no rule.");
                }

                if (segment.Members.Count > MaxStaticMembers)
                {
                    Fail(context, "Members", CrmErrorCodes.TooMany, $"A static segment lists at most {MaxStaticMembers:N0} members; got {segment.Members.Count:N0}. Use a dynamic segment (a rule) for larger sets.");
                }
            }

            if (segment.RefreshEvery is { } every && every < Duration.FromMinutes(1))
            {
                Fail(context, "RefreshEvery", CrmErrorCodes.OutOfRange, $"A scheduled refresh runs at most once a minute; got every {every}.");
            }
        });
    }

    private static void CheckRule(string? text, RuleSchema? schema, ValidationContext<SegmentData> context)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Fail(context, "Rule", CrmErrorCodes.Required, "A dynamic segment needs a rule.");
            return;
        }

        try
        {
            var rule = Rule.Parse(text);
            if (schema is not null && rule.Check(schema) is { Count: > 0 } errors)
            {
                Fail(context, "Rule", CrmErrorCodes.InvalidValue, "The rule does not check: " + string.Join("; ", errors));
            }
        }
        catch (RuleException e)
        {
            Fail(context, "Rule", CrmErrorCodes.InvalidValue, "The rule does not parse: " + e.Message);
        }
    }
}

/// <summary>Validates a membership snapshot: it belongs to a segment and lists each member once, in id order.</summary>
public sealed class SegmentSnapshotDataValidator : AggregateDataValidator<SegmentSnapshotData>
{
    /// <summary>Declares the rules.</summary>
    public SegmentSnapshotDataValidator()
    {
        RuleFor(x => x).Custom((snapshot, context) =>
        {
            for (var i = 1; i < snapshot.Members.Count; i++)
            {
                if (snapshot.Members[i - 1].CompareTo(snapshot.Members[i]) >= 0)
                {
                    Fail(context, "Members", CrmErrorCodes.InvalidValue, "A snapshot lists each member once, in id order.");
                    return;
                }
            }
        });
    }
}
