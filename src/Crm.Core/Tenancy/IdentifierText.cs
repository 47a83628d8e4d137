namespace Crm;

internal static class IdentifierText
{
    public static string Check(string? value, int maxLength, string parameter, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"A {what} must not be empty.", parameter);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"A {what} must be at most {maxLength} characters; got {value.Length}.", parameter);
        }

        if (value.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            throw new ArgumentException($"A {what} must not contain control characters.", parameter);
        }

        return value;
    }
}
