using System.Globalization;
using System.Text;

namespace Crm.Rules.Syntax;

/// <summary>Splits rule text into tokens. Numbers have no sign here: the parser folds a <c>-</c> before a number literal.</summary>
internal sealed class Lexer(SourceText source)
{
    private readonly string _text = source.Text;
    private int _position;

    /// <summary>The token after the current one, without consuming it.</summary>
    public Token Peek()
    {
        var position = _position;
        var token = Next();
        _position = position;
        return token;
    }

    public Token Next()
    {
        SkipWhiteSpace();
        if (_position >= _text.Length)
        {
            return new Token(TokenKind.End, _text.Length, _text.Length, string.Empty);
        }

        var start = _position;
        var c = _text[_position];
        if (IsIdentifierStart(c))
        {
            while (_position < _text.Length && IsIdentifierPart(_text[_position]))
            {
                _position++;
            }

            return new Token(TokenKind.Identifier, start, _position, _text[start.._position]);
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumber(start);
        }

        if (c == '"')
        {
            return ReadString(start);
        }

        _position++;
        var two = _position < _text.Length ? _text[_position] : '\0';
        switch (c)
        {
            case '(':
                return Single(TokenKind.LeftParen, start);
            case ')':
                return Single(TokenKind.RightParen, start);
            case '[':
                return Single(TokenKind.LeftBracket, start);
            case ']':
                return Single(TokenKind.RightBracket, start);
            case ',':
                return Single(TokenKind.Comma, start);
            case '.':
                if (char.IsAsciiDigit(two))
                {
                    throw Fail(start, "a number needs digits before its '.' (write 0.5, not .5)");
                }

                return Single(TokenKind.Dot, start);
            case '+':
                return Single(TokenKind.Plus, start);
            case '-':
                return Single(TokenKind.Minus, start);
            case '*':
                return Single(TokenKind.Star, start);
            case '/':
                return Single(TokenKind.Slash, start);
            case '=':
                if (two == '=')
                {
                    throw Fail(start, "'==' is not an operator; write '='");
                }

                return Single(TokenKind.Equal, start);
            case '!':
                if (two == '=')
                {
                    _position++;
                    return new Token(TokenKind.NotEqual, start, _position, "!=");
                }

                throw Fail(start, "'!' is not an operator; write 'not' or '!='");
            case '<':
                if (two == '=')
                {
                    _position++;
                    return new Token(TokenKind.LessOrEqual, start, _position, "<=");
                }

                if (two == '>')
                {
                    throw Fail(start, "'<>' is not an operator; write '!='");
                }

                return Single(TokenKind.Less, start);
            case '>':
                if (two == '=')
                {
                    _position++;
                    return new Token(TokenKind.GreaterOrEqual, start, _position, ">=");
                }

                return Single(TokenKind.Greater, start);
            case '\'':
                throw Fail(start, "strings are written in double quotes (\"...\")");
            case '&' or '|':
                throw Fail(start, $"'{c}' is not an operator; write '{(c == '&' ? "and" : "or")}'");
            default:
                throw Fail(start, $"unexpected character {Describe(_text, start)}");
        }
    }

    internal static string Describe(string text, int index)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return $"U+{(int)text[index]:X4}";
        }

        return Rune.IsControl(rune) ? $"U+{rune.Value:X4}" : $"'{rune}'";
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private Token Single(TokenKind kind, int start) => new(kind, start, _position, _text[start.._position]);

    private void SkipWhiteSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n')
        {
            _position++;
        }
    }

    private Token ReadNumber(int start)
    {
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        if (_position < _text.Length && _text[_position] == '.')
        {
            _position++;
            if (_position >= _text.Length || !char.IsAsciiDigit(_text[_position]))
            {
                throw Fail(_position, "expected digits after the decimal point");
            }

            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }
        }

        if (_position < _text.Length && (IsIdentifierPart(_text[_position]) || _text[_position] == '.'))
        {
            throw Fail(_position, _text[_position] is 'e' or 'E'
                ? "numbers have no exponent; write the digits out"
                : $"unexpected {Describe(_text, _position)} after a number");
        }

        var text = _text[start.._position];
        return new Token(TokenKind.Number, start, _position, text, ParseDecimal(text, start));
    }

    private decimal ParseDecimal(string text, int start)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !IsExact(text, value))
        {
            throw Fail(start, $"the number {text} does not fit a decimal (at most 28 digits after the point, ±79,228,162,514,264,337,593,543,950,335)");
        }

        return value;
    }

    // decimal.Parse rounds digits it cannot hold; a rule's literal must mean exactly what it says.
    private static bool IsExact(string text, decimal value)
    {
        var printed = value.ToString(CultureInfo.InvariantCulture);
        var trimmed = text.TrimStart('0');
        if (trimmed.Length == 0 || trimmed[0] == '.')
        {
            trimmed = "0" + trimmed;
        }

        return string.Equals(printed, trimmed, StringComparison.Ordinal);
    }

    private Token ReadString(int start)
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Fail(start, "unterminated string: expected a closing '\"'");
            }

            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return new Token(TokenKind.String, start, _position, builder.ToString());
            }

            if (c == '\\')
            {
                ReadEscape(builder);
                continue;
            }

            if (char.IsControl(c))
            {
                throw Fail(_position, $"a raw control character ({Describe(_text, _position)}) in a string; write it as \\uXXXX");
            }

            if (char.IsHighSurrogate(c) && _position + 1 < _text.Length && char.IsLowSurrogate(_text[_position + 1]))
            {
                builder.Append(c).Append(_text[_position + 1]);
                _position += 2;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw Fail(_position, $"a lone surrogate ({Describe(_text, _position)}) in a string");
            }

            builder.Append(c);
            _position++;
        }
    }

    private void ReadEscape(StringBuilder builder)
    {
        var at = _position;
        _position++;
        if (_position >= _text.Length)
        {
            throw Fail(at, "unterminated escape at the end of the text");
        }

        var e = _text[_position++];
        switch (e)
        {
            case '"':
                builder.Append('"');
                return;
            case '\\':
                builder.Append('\\');
                return;
            case 'n':
                builder.Append('\n');
                return;
            case 't':
                builder.Append('\t');
                return;
            case 'u':
                var unit = ReadHex(at);
                if (char.IsHighSurrogate(unit))
                {
                    if (_position + 1 < _text.Length && _text[_position] == '\\' && _text[_position + 1] == 'u')
                    {
                        var lowAt = _position;
                        _position += 2;
                        var low = ReadHex(lowAt);
                        if (char.IsLowSurrogate(low))
                        {
                            builder.Append(unit).Append(low);
                            return;
                        }
                    }

                    throw Fail(at, "a lone surrogate escape in a string (a high surrogate must be followed by a low one)");
                }

                if (char.IsLowSurrogate(unit))
                {
                    throw Fail(at, "a lone surrogate escape in a string (a low surrogate without a high one)");
                }

                builder.Append(unit);
                return;
            default:
                throw Fail(at, $"unknown escape '\\{(char.IsControl(e) || char.IsSurrogate(e) ? "?" : e.ToString())}' (known: \\\" \\\\ \\n \\t \\uXXXX)");
        }
    }

    private char ReadHex(int escapeStart)
    {
        if (_position + 4 > _text.Length || !ushort.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail(escapeStart, "\\u must be followed by four hexadecimal digits");
        }

        _position += 4;
        return (char)value;
    }

    private RuleException Fail(int offset, string message) => new(source.Error(offset, message));
}
