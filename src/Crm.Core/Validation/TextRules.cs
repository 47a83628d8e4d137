using FluentValidation;
using FluentValidation.Results;

namespace Crm.Validation;

/// <summary>
/// Text every store can keep: a length limit and no NUL. One FluentValidation component per
/// property (not one per check): each component costs a few hundred nanoseconds per record.
/// </summary>
internal static class TextRules
{
    public static IRuleBuilderOptionsConditions<T, string?> StorableText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Custom((text, context) => Check(context, text, maxLength, required: false));

    public static IRuleBuilderOptionsConditions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Custom((text, context) => Check(context, text, maxLength, required: true));

    /// <summary>Whether a text passes without reporting anything (the fast path for valid records).</summary>
    public static bool IsStorable(string? text, int maxLength, bool required) =>
        text is null ? !required : text.Length <= maxLength && !text.Contains('\0', StringComparison.Ordinal) && (!required || !string.IsNullOrWhiteSpace(text));

    /// <summary>Checks a text at the rule's property (or <paramref name="path"/>); returns whether it passed.</summary>
    public static bool Check<T>(ValidationContext<T> context, string? text, int maxLength, bool required, string? path = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Fail(context, path, CrmErrorCodes.Required, "Is required and must not be blank.");
                return false;
            }

            if (text is null)
            {
                return true;
            }
        }

        if (text!.Length > maxLength)
        {
            Fail(context, path, CrmErrorCodes.TooLong, $"Must be at most {maxLength} characters; got {text.Length}.");
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            Fail(context, path, CrmErrorCodes.ContainsNul, "Must not contain NUL characters (U+0000).");
            return false;
        }

        return true;
    }

    public static void Fail<T>(ValidationContext<T> context, string? path, string code, string message)
    {
        if (path is null)
        {
            context.AddFailure(new ValidationFailure(context.PropertyPath, message) { ErrorCode = code });
        }
        else
        {
            context.AddFailure(new ValidationFailure(path, message) { ErrorCode = code });
        }
    }
}
