using System.Globalization;
using System.Text;

namespace Crm.Rules.Syntax;

/// <summary>
/// Writes the canonical text: single spaces, minimal parentheses, flattened and/or; nothing else is
/// rewritten (a rule's own structure and literals are kept, numbers with their scale).
/// </summary>
internal static class RulePrinter
{
    private const int Or = 1;
    private const int And = 2;
    private const int Not = 3;
    private const int Comparison = 4;
    private const int Additive = 5;
    private const int Multiplicative = 6;
    private const int Unary = 7;
    private const int Primary = 8;

    public static string Print(RuleNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, Or);
        return builder.ToString();
    }

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        WriteString(builder, text);
        return builder.ToString();
    }

    public static string Operator(BinaryOperator op) => op switch
    {
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Contains => "contains",
        BinaryOperator.StartsWith => "startsWith",
        BinaryOperator.EndsWith => "endsWith",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static int Precedence(RuleNode node) => node switch
    {
        LogicalNode logical => logical.IsAnd ? And : Or,
        NotNode => Not,
        InNode or IsNullNode => Comparison,
        BinaryNode { IsComparison: true } => Comparison,
        BinaryNode { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => Additive,
        BinaryNode => Multiplicative,
        NegateNode => Unary,
        _ => Primary,
    };

    private static void Write(StringBuilder builder, RuleNode node, int minimum)
    {
        var parenthesised = Precedence(node) < minimum;
        if (parenthesised)
        {
            builder.Append('(');
        }

        WriteBare(builder, node);
        if (parenthesised)
        {
            builder.Append(')');
        }
    }

    private static void WriteBare(StringBuilder builder, RuleNode node)
    {
        switch (node)
        {
            case LogicalNode logical:
                for (var i = 0; i < logical.Operands.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(' ').Append(logical.Keyword).Append(' ');
                    }

                    Write(builder, logical.Operands[i], Precedence(logical) + 1);
                }

                break;
            case NotNode not:
                builder.Append("not ");
                Write(builder, not.Operand, Not);
                break;
            case BinaryNode binary:
                var level = Precedence(binary);
                Write(builder, binary.Left, binary.IsComparison ? Additive : level);
                builder.Append(' ').Append(Operator(binary.Operator)).Append(' ');
                Write(builder, binary.Right, binary.IsComparison ? Additive : level + 1);
                break;
            case InNode inNode:
                Write(builder, inNode.Operand, Additive);
                builder.Append(inNode.Negated ? " not in [" : " in [");
                for (var i = 0; i < inNode.Items.Count; i++)
                {
                    builder.Append(i > 0 ? ", " : string.Empty);
                    Write(builder, inNode.Items[i], Additive);
                }

                builder.Append(']');
                break;
            case IsNullNode isNull:
                Write(builder, isNull.Operand, Additive);
                builder.Append(isNull.Negated ? " is not null" : " is null");
                break;
            case NegateNode negate:
                builder.Append('-');
                var operand = new StringBuilder();
                Write(operand, negate.Operand, Unary);

                // "-(5)" is not the literal -5, and "--x" would read differently once x is a number.
                var wrap = negate.Operand is LiteralNode { Kind: LiteralKind.Number } || (operand.Length > 0 && operand[0] == '-');
                builder.Append(wrap ? "(" : string.Empty).Append(operand).Append(wrap ? ")" : string.Empty);
                break;
            case LiteralNode literal:
                WriteLiteral(builder, literal);
                break;
            case FieldNode field:
                builder.Append(field.Dotted);
                break;
            case CallNode call:
                builder.Append(call.Name).Append('(');
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    builder.Append(i > 0 ? ", " : string.Empty);
                    Write(builder, call.Arguments[i], Or);
                }

                builder.Append(')');
                break;
            case AggregateNode aggregate:
                builder.Append(Functions.Name(aggregate.Kind)).Append('(').Append(aggregate.Path.Dotted);
                if (aggregate.Where is { } where)
                {
                    builder.Append(" where ");
                    Write(builder, where, Or);
                }

                builder.Append(')');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, null);
        }
    }

    private static void WriteLiteral(StringBuilder builder, LiteralNode literal)
    {
        switch (literal.Kind)
        {
            case LiteralKind.Null:
                builder.Append("null");
                break;
            case LiteralKind.Boolean:
                builder.Append((bool)literal.Value! ? "true" : "false");
                break;
            case LiteralKind.Number:
                builder.Append(Number(literal.Number));
                break;
            default:
                WriteString(builder, literal.Text);
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
