namespace Crm.Rules.Syntax;

/// <summary>
/// Recursive descent over the grammar of docs/rules.md, loosest first: or, and, not, comparison,
/// additive, multiplicative, unary minus, primary. Depth is checked while parsing, so hostile
/// nesting fails with an error before it can exhaust the stack.
/// </summary>
internal sealed class Parser
{
    private readonly SourceText _source;
    private readonly RuleLimits _limits;
    private readonly Lexer _lexer;
    private Token _token;
    private Token _previous;
    private int _nesting;

    private Parser(SourceText source, RuleLimits limits)
    {
        _source = source;
        _limits = limits;
        _lexer = new Lexer(source);
        _token = _lexer.Next();
        _previous = new Token(TokenKind.End, 0, 0, string.Empty);
    }

    public static RuleNode Parse(SourceText source, RuleLimits limits)
    {
        if (source.Text.Length > limits.MaxLength)
        {
            throw new RuleException(new RuleError(1, 1, $"the rule is {source.Text.Length:N0} characters long; the limit is {limits.MaxLength:N0}"));
        }

        var parser = new Parser(source, limits);
        if (parser._token.Kind == TokenKind.End)
        {
            throw parser.Fail(0, "the rule is empty: expected a condition");
        }

        var rule = parser.ParseOr();
        if (parser._token.Kind != TokenKind.End)
        {
            throw parser.Unexpected();
        }

        return rule;
    }

    private RuleNode ParseOr() => ParseChain(isAnd: false);

    private RuleNode ParseChain(bool isAnd)
    {
        var keyword = isAnd ? "and" : "or";
        var first = isAnd ? ParseNot() : ParseChain(isAnd: true);
        if (!_token.Is(keyword))
        {
            return first;
        }

        var operands = new List<RuleNode>();
        Flatten(first, isAnd, operands);
        while (_token.Is(keyword))
        {
            Advance();
            Flatten(isAnd ? ParseNot() : ParseChain(isAnd: true), isAnd, operands);
        }

        return Checked(new LogicalNode(first.Start, isAnd, operands));
    }

    // "(a and b) and c" is the chain a, b, c: the canonical form has no nested chain of the same kind.
    private static void Flatten(RuleNode node, bool isAnd, List<RuleNode> into)
    {
        if (node is LogicalNode logical && logical.IsAnd == isAnd)
        {
            into.AddRange(logical.Operands);
        }
        else
        {
            into.Add(node);
        }
    }

    private RuleNode ParseNot()
    {
        if (!_token.Is("not"))
        {
            return ParseComparison();
        }

        var start = _token.Start;
        Advance();
        Enter();
        var operand = ParseNot();
        _nesting--;
        return Checked(new NotNode(start, operand));
    }

    private RuleNode ParseComparison()
    {
        var left = ParseAdditive();
        var node = ParseComparisonTail(left);
        if (node != left && IsComparisonStart())
        {
            throw Fail(_token.Start, $"comparisons do not chain: {_token.Describe()} follows a comparison; join the two with 'and'");
        }

        return node;
    }

    private bool IsComparisonStart() =>
        _token.Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual
        || _token.Is("in") || _token.Is("is") || _token.Is("contains") || _token.Is("startsWith") || _token.Is("endsWith")
        || (_token.Is("not") && PeekIsIn());

    private bool PeekIsIn() => _lexer.Peek().Is("in");

    private RuleNode ParseComparisonTail(RuleNode left)
    {
        var op = _token.Kind switch
        {
            TokenKind.Equal => BinaryOperator.Equal,
            TokenKind.NotEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
            _ when _token.Is("contains") => BinaryOperator.Contains,
            _ when _token.Is("startsWith") => BinaryOperator.StartsWith,
            _ when _token.Is("endsWith") => BinaryOperator.EndsWith,
            _ => (BinaryOperator?)null,
        };
        if (op is { } binary)
        {
            Advance();
            var right = ParseAdditive();
            return Checked(new BinaryNode(left.Start, binary, left, right));
        }

        if (_token.Is("in"))
        {
            Advance();
            return ParseInList(left, negated: false);
        }

        if (_token.Is("not") && PeekIsIn())
        {
            Advance();
            Advance();
            return ParseInList(left, negated: true);
        }

        if (_token.Is("not") && _lexer.Peek() is { Kind: TokenKind.Identifier } misspelt && Functions.Respelling(misspelt.Text) == "in")
        {
            throw Fail(misspelt.Start, $"'{misspelt.Text}' is not a keyword: write 'in' (keywords are lower case)");
        }

        if (_token.Is("is"))
        {
            Advance();
            var negated = false;
            if (_token.Is("not"))
            {
                Advance();
                negated = true;
            }

            if (_token.Kind == TokenKind.Identifier && Functions.Respelling(_token.Text) is "not" or "null")
            {
                throw Fail(_token.Start, $"'{_token.Text}' is not a keyword: write '{Functions.Respelling(_token.Text)}' (keywords are lower case)");
            }

            if (!_token.Is("null"))
            {
                throw Fail(_token.Start, $"expected 'null' after '{_previous.Text}', found {_token.Describe()}");
            }

            Advance();
            return Checked(new IsNullNode(left.Start, left, negated));
        }

        return left;
    }

    private InNode ParseInList(RuleNode left, bool negated)
    {
        if (_token.Kind != TokenKind.LeftBracket)
        {
            var keyword = negated ? "not in" : "in";
            if (_token.Kind == TokenKind.End)
            {
                throw Fail(_token.Start, $"expected a value after '{(negated ? "in" : "in")}', found end of input");
            }

            if (_token.Kind == TokenKind.Identifier && !Functions.Keywords.Contains(_token.Text))
            {
                var at = _token.Start;
                var found = _token.Describe();
                var list = ParsePath().Dotted;
                var test = $"{list} contains {RulePrinter.Print(left)}";
                throw Fail(at, $"expected a list [..] after '{keyword}', found {found}; to test membership in a list field, write '{(negated ? $"not ({test})" : test)}'");
            }

            throw Fail(_token.Start, $"expected a list [..] after '{keyword}', found {_token.Describe()}");
        }

        Advance();
        var items = new List<RuleNode>();
        if (_token.Kind != TokenKind.RightBracket)
        {
            while (true)
            {
                if (items.Count == _limits.MaxListItems)
                {
                    throw Fail(_token.Start, $"a list may hold at most {_limits.MaxListItems:N0} items");
                }

                items.Add(ParseAdditive());
                if (_token.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                if (_token.Kind != TokenKind.RightBracket)
                {
                    throw Fail(_token.Start, $"expected ',' or ']' in the list, found {_token.Describe()}");
                }

                break;
            }
        }

        Advance();
        return Checked(new InNode(left.Start, left, items, negated));
    }

    private RuleNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (_token.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _token.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            Advance();
            left = Checked(new BinaryNode(left.Start, op, left, ParseMultiplicative()));
        }

        return left;
    }

    private RuleNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (_token.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = _token.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            Advance();
            left = Checked(new BinaryNode(left.Start, op, left, ParseUnary()));
        }

        return left;
    }

    private RuleNode ParseUnary()
    {
        if (_token.Kind != TokenKind.Minus)
        {
            return ParsePrimary();
        }

        var start = _token.Start;
        Advance();
        if (_token.Kind == TokenKind.Number)
        {
            var number = -_token.Number;
            Advance();
            return new LiteralNode(start, LiteralKind.Number, number);
        }

        Enter();
        var operand = ParseUnary();
        _nesting--;
        return Checked(new NegateNode(start, operand));
    }

    private RuleNode ParsePrimary()
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(token.Start, LiteralKind.Number, token.Number);
            case TokenKind.String:
                Advance();
                return new LiteralNode(token.Start, LiteralKind.String, token.Text);
            case TokenKind.LeftParen:
                Advance();
                Enter();
                var inner = ParseOr();
                _nesting--;
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.LeftBracket:
                throw Fail(token.Start, "a list [..] may only follow 'in' or 'not in'");
            case TokenKind.Identifier:
                return ParseIdentifier(token);
            default:
                throw ExpectedValue();
        }
    }

    private RuleNode ParseIdentifier(Token token)
    {
        switch (token.Text)
        {
            case "true" or "false":
                Advance();
                return new LiteralNode(token.Start, LiteralKind.Boolean, token.Text == "true");
            case "null":
                Advance();
                return new LiteralNode(token.Start, LiteralKind.Null, null);
        }

        if (Functions.Keywords.Contains(token.Text))
        {
            throw ExpectedValue();
        }

        var path = ParsePath();
        if (_token.Kind != TokenKind.LeftParen)
        {
            if (path.Path.Count == 1 && Functions.Respelling(token.Text) is { } keyword && Functions.Keywords.Contains(keyword))
            {
                throw Fail(token.Start, $"'{token.Text}' is not a keyword: write '{keyword}' (keywords are lower case)");
            }

            return path;
        }

        if (path.Path.Count > 1)
        {
            throw Fail(_token.Start, $"'{path.Dotted}' is a field, not a function; only the functions of docs/rules.md can be called");
        }

        if (Functions.Aggregates.TryGetValue(token.Text, out var aggregate))
        {
            return ParseAggregate(token, aggregate);
        }

        if (Functions.Arity.TryGetValue(token.Text, out var arity))
        {
            return ParseCall(token, arity);
        }

        var respelled = Functions.Respelling(token.Text);
        throw Fail(token.Start, respelled is not null
            ? $"unknown function '{token.Text}': write '{respelled}'"
            : $"unknown function '{token.Text}'{Suggest(token.Text, Functions.Arity.Keys.Concat(Functions.Aggregates.Keys))}");
    }

    private FieldNode ParsePath()
    {
        var start = _token.Start;
        var segments = new List<string> { _token.Text };
        Advance();
        while (_token.Kind == TokenKind.Dot)
        {
            Advance();
            if (_token.Kind != TokenKind.Identifier)
            {
                throw Fail(_token.Start, $"expected a field name after '.', found {_token.Describe()}");
            }

            segments.Add(_token.Text);
            Advance();
        }

        return new FieldNode(start, segments);
    }

    private AggregateNode ParseAggregate(Token name, AggregateKind kind)
    {
        Advance();
        Enter();
        if (_token.Kind != TokenKind.Identifier || Functions.Keywords.Contains(_token.Text))
        {
            throw Fail(_token.Start, $"expected a collection path after '{name.Text}(', found {_token.Describe()}");
        }

        var path = ParsePath();
        RuleNode? where = null;
        if (_token.Is("where"))
        {
            Advance();
            where = ParseOr();
        }
        else if (_token.Kind == TokenKind.Identifier && Functions.Respelling(_token.Text) == "where")
        {
            throw Fail(_token.Start, $"'{_token.Text}' is not a keyword: write 'where' (keywords are lower case)");
        }
        else if (kind == AggregateKind.All)
        {
            throw Fail(_token.Start, "all(...) needs a condition: write all(path where condition)");
        }

        _nesting--;
        Expect(TokenKind.RightParen, where is null ? "'where' or ')'" : "')'");
        return Checked(new AggregateNode(name.Start, kind, path, where));
    }

    private CallNode ParseCall(Token name, int arity)
    {
        Advance();
        Enter();
        var arguments = new List<RuleNode>();
        if (_token.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseOr());
            while (_token.Kind == TokenKind.Comma)
            {
                Advance();
                arguments.Add(ParseOr());
            }
        }

        _nesting--;
        Expect(TokenKind.RightParen, arguments.Count < arity ? "',' or ')'" : "')'");
        if (arguments.Count != arity)
        {
            throw Fail(name.Start, $"{name.Text}() takes {arity} argument{(arity == 1 ? string.Empty : "s")}, found {arguments.Count}");
        }

        return Checked(new CallNode(name.Start, name.Text, arguments));
    }

    private void Expect(TokenKind kind, string what)
    {
        if (_token.Kind != kind)
        {
            throw Fail(_token.Start, $"expected {what}, found {_token.Describe()}");
        }

        Advance();
    }

    private void Advance()
    {
        _previous = _token;
        _token = _lexer.Next();
    }

    private void Enter()
    {
        if (++_nesting > _limits.MaxDepth)
        {
            throw Fail(_previous.Start, $"the rule nests deeper than {_limits.MaxDepth} levels");
        }
    }

    private T Checked<T>(T node)
        where T : RuleNode
    {
        if (node.Depth > _limits.MaxDepth)
        {
            throw Fail(node.Start, $"the rule nests deeper than {_limits.MaxDepth} levels");
        }

        return node;
    }

    private RuleException ExpectedValue() => _previous.Kind == TokenKind.End && _previous.End == 0
        ? Fail(_token.Start, $"expected a value, found {_token.Describe()}")
        : Fail(_token.Start, $"expected a value after '{_previous.Text}', found {_token.Describe()}");

    private RuleException Unexpected()
    {
        if (_token.Kind == TokenKind.Identifier && Functions.Respelling(_token.Text) is { } keyword)
        {
            return Fail(_token.Start, $"'{_token.Text}' is not a keyword: write '{keyword}' (keywords are lower case)");
        }

        return _token.Kind == TokenKind.RightParen
            ? Fail(_token.Start, "unexpected ')' without a matching '('")
            : Fail(_token.Start, $"expected an operator or end of input, found {_token.Describe()}");
    }

    private RuleException Fail(int offset, string message) => new(_source.Error(offset, message));

    internal static string Suggest(string word, IEnumerable<string> known, string prefix = "") =>
        CustomFields.Suggestions.Closest(word, known) is { } best ? $"; did you mean '{prefix}{best}'?" : string.Empty;
}
