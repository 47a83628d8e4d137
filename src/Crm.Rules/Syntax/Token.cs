namespace Crm.Rules.Syntax;

internal enum TokenKind
{
    End,
    Identifier,
    Number,
    String,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Plus,
    Minus,
    Star,
    Slash,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>One token: its kind, where it starts and ends (UTF-16 offsets), and its value.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string Text, decimal Number = 0m)
{
    public bool Is(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.Ordinal);

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.String => "a string",
        TokenKind.Number => $"'{Text}'",
        _ => $"'{Text}'",
    };
}
