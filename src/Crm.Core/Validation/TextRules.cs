using FluentValidation;

namespace Crm.Validation;

/// <summary>FluentValidation rules for text every store can keep: a length limit and no NUL.</summary>
internal static class TextRules
{
    public static IRuleBuilderOptions<T, string?> StorableText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule
            .Must(s => s is null || s.Length <= maxLength)
            .WithErrorCode(CrmErrorCodes.TooLong)
            .WithMessage((_, s) => $"Must be at most {maxLength} characters; got {s!.Length}.")
            .Must(s => s is null || !s.Contains('\0', StringComparison.Ordinal))
            .WithErrorCode(CrmErrorCodes.ContainsNul)
            .WithMessage("Must not contain NUL characters (U+0000).");

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule
            .Must(s => !string.IsNullOrWhiteSpace(s))
            .WithErrorCode(CrmErrorCodes.Required)
            .WithMessage("Is required and must not be blank.")
            .StorableText(maxLength);
}
