namespace Crm.Rules.Syntax;

/// <summary>Turns UTF-16 offsets into 1-based lines and columns counted in Unicode scalar values.</summary>
internal sealed class SourceText(string text)
{
    public string Text { get; } = text;

    public RuleError Error(int offset, string message)
    {
        var line = 1;
        var column = 1;
        var end = Math.Min(offset, Text.Length);
        for (var i = 0; i < end; i++)
        {
            var c = Text[i];
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else if (!char.IsLowSurrogate(c) || i == 0 || !char.IsHighSurrogate(Text[i - 1]))
            {
                column++;
            }
        }

        return new RuleError(line, column, message);
    }
}
