using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Crm.Rules.Syntax;

/// <summary>
/// The canonical JSON AST (grammar in docs/rules.md). The reader accepts only the canonical shape of
/// each node, so JSON → text → JSON is the identity for every JSON it accepts.
/// </summary>
internal static class RuleJson
{
    public static string Write(RuleNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false }))
        {
            WriteNode(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static RuleNode Read(string json, RuleLimits limits)
    {
        if (json.Length > limits.MaxLength * 8)
        {
            throw Error("$", $"the JSON rule is {json.Length:N0} characters long; the limit is {limits.MaxLength * 8:N0}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = (limits.MaxDepth * 3) + 4 });
        }
        catch (JsonException e)
        {
            throw new RuleException(new RuleError((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "not valid JSON: " + e.Message));
        }
        catch (ArgumentException e)
        {
            // A .NET string with a lone surrogate cannot be read as JSON text.
            throw new RuleException(new RuleError(1, 1, "not valid JSON: " + e.Message));
        }

        using (document)
        {
            try
            {
                return new Reader(limits).Node(document.RootElement, "$", 0);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json refuses to unescape a lone surrogate ("\ud800") into a string.
                throw Error("$", "a string that is not valid Unicode: " + e.Message);
            }
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, RuleNode node)
    {
        writer.WriteStartObject();
        switch (node)
        {
            case LogicalNode logical:
                writer.WritePropertyName(logical.Keyword);
                writer.WriteStartArray();
                foreach (var operand in logical.Operands)
                {
                    WriteNode(writer, operand);
                }

                writer.WriteEndArray();
                break;
            case NotNode not:
                writer.WritePropertyName("not");
                WriteNode(writer, not.Operand);
                break;
            case NegateNode negate:
                writer.WritePropertyName("neg");
                WriteNode(writer, negate.Operand);
                break;
            case BinaryNode binary:
                writer.WriteString("op", RulePrinter.Operator(binary.Operator));
                if (binary.Left is FieldNode field && binary.Right is LiteralNode literal)
                {
                    writer.WriteString("field", field.Dotted);
                    writer.WritePropertyName("value");
                    WriteLiteral(writer, literal);
                }
                else
                {
                    writer.WritePropertyName("left");
                    WriteNode(writer, binary.Left);
                    writer.WritePropertyName("right");
                    WriteNode(writer, binary.Right);
                }

                break;
            case InNode inNode:
                writer.WriteString("op", inNode.Negated ? "not in" : "in");
                WriteOperand(writer, inNode.Operand);
                writer.WritePropertyName("value");
                writer.WriteStartArray();
                foreach (var item in inNode.Items)
                {
                    if (item is LiteralNode itemLiteral)
                    {
                        WriteLiteral(writer, itemLiteral);
                    }
                    else
                    {
                        WriteNode(writer, item);
                    }
                }

                writer.WriteEndArray();
                break;
            case IsNullNode isNull:
                writer.WriteString("op", isNull.Negated ? "is not null" : "is null");
                WriteOperand(writer, isNull.Operand);
                break;
            case LiteralNode value:
                writer.WritePropertyName("value");
                WriteLiteral(writer, value);
                break;
            case FieldNode path:
                writer.WriteString("field", path.Dotted);
                break;
            case CallNode call:
                writer.WriteString("fn", call.Name);
                writer.WritePropertyName("args");
                writer.WriteStartArray();
                foreach (var argument in call.Arguments)
                {
                    WriteNode(writer, argument);
                }

                writer.WriteEndArray();
                break;
            case AggregateNode aggregate:
                writer.WriteString("agg", Functions.Name(aggregate.Kind));
                writer.WriteString("path", aggregate.Path.Dotted);
                if (aggregate.Where is { } where)
                {
                    writer.WritePropertyName("where");
                    WriteNode(writer, where);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, null);
        }

        writer.WriteEndObject();
    }

    private static void WriteOperand(Utf8JsonWriter writer, RuleNode operand)
    {
        if (operand is FieldNode field)
        {
            writer.WriteString("field", field.Dotted);
        }
        else
        {
            writer.WritePropertyName("left");
            WriteNode(writer, operand);
        }
    }

    private static void WriteLiteral(Utf8JsonWriter writer, LiteralNode literal)
    {
        switch (literal.Kind)
        {
            case LiteralKind.Null:
                writer.WriteNullValue();
                break;
            case LiteralKind.Boolean:
                writer.WriteBooleanValue((bool)literal.Value!);
                break;
            case LiteralKind.Number:
                writer.WriteRawValue(RulePrinter.Number(literal.Number));
                break;
            default:
                writer.WriteStringValue(literal.Text);
                break;
        }
    }

    private static RuleException Error(string path, string message) => new(new RuleError(1, 1, $"{path}: {message}"));

    private sealed class Reader(RuleLimits limits)
    {
        private static readonly Dictionary<string, BinaryOperator> Operators = Enum.GetValues<BinaryOperator>().ToDictionary(RulePrinter.Operator, StringComparer.Ordinal);

        public RuleNode Node(JsonElement element, string path, int depth)
        {
            if (depth > limits.MaxDepth)
            {
                throw Error(path, $"the rule nests deeper than {limits.MaxDepth} levels");
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"expected a node (a JSON object), found {Describe(element)}");
            }

            var names = element.EnumerateObject().Select(p => p.Name).ToList();
            if (names.Count != names.Distinct(StringComparer.Ordinal).Count())
            {
                throw Error(path, "a node names a property twice");
            }

            if (element.TryGetProperty("op", out var op))
            {
                return Operation(element, op, path, depth, names);
            }

            var key = names.Count == 0 ? string.Empty : names[0];
            switch (key)
            {
                case "and" or "or":
                    Only(names, path, key);
                    return Logical(element.GetProperty(key), key == "and", $"{path}.{key}", depth);
                case "not":
                    Only(names, path, "not");
                    return new NotNode(0, Node(element.GetProperty("not"), path + ".not", depth + 1));
                case "neg":
                    Only(names, path, "neg");
                    return new NegateNode(0, Node(element.GetProperty("neg"), path + ".neg", depth + 1));
                case "value":
                    Only(names, path, "value");
                    return Literal(element.GetProperty("value"), path + ".value");
                case "field":
                    Only(names, path, "field");
                    return Field(element.GetProperty("field"), path + ".field");
                case "fn":
                    Only(names, path, "fn", "args");
                    return Call(element, path, depth);
                case "agg":
                    if (names.Contains("where"))
                    {
                        Only(names, path, "agg", "path", "where");
                    }
                    else
                    {
                        Only(names, path, "agg", "path");
                    }

                    return Aggregate(element, path, depth);
                default:
                    throw Error(path, "expected a node with one of: and, or, not, neg, op, value, field, fn, agg");
            }
        }

        private RuleNode Operation(JsonElement element, JsonElement op, string path, int depth, List<string> names)
        {
            var symbol = op.ValueKind == JsonValueKind.String ? op.GetString()! : throw Error(path + ".op", "expected an operator string");
            if (symbol is "in" or "not in")
            {
                var operand = Operand(element, path, depth, names, "value");
                var list = element.TryGetProperty("value", out var items) && items.ValueKind == JsonValueKind.Array
                    ? items
                    : throw Error(path + ".value", "expected an array of values");
                if (list.GetArrayLength() > limits.MaxListItems)
                {
                    throw Error(path + ".value", $"a list may hold at most {limits.MaxListItems:N0} items");
                }

                var nodes = list.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Object
                    ? Item(item, $"{path}.value[{i}]", depth)
                    : Literal(item, $"{path}.value[{i}]")).ToList();
                return new InNode(0, operand, nodes, symbol == "not in");
            }

            if (symbol is "is null" or "is not null")
            {
                return new IsNullNode(0, Operand(element, path, depth, names, null), symbol == "is not null");
            }

            if (!Operators.TryGetValue(symbol, out var binary))
            {
                throw Error(path + ".op", $"unknown operator '{symbol}'{Parser.Suggest(symbol, Operators.Keys.Concat(["in", "not in", "is null", "is not null"]))}");
            }

            if (names.Contains("field"))
            {
                Only(names, path, "op", "field", "value");
                var value = element.GetProperty("value");
                if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    throw Error(path + ".value", "expected a literal (string, number, true, false, null); for an expression write left/right");
                }

                return new BinaryNode(0, binary, Field(element.GetProperty("field"), path + ".field"), Literal(value, path + ".value"));
            }

            Only(names, path, "op", "left", "right");
            var left = Node(element.GetProperty("left"), path + ".left", depth + 1);
            var right = Node(element.GetProperty("right"), path + ".right", depth + 1);
            if (left is FieldNode && right is LiteralNode)
            {
                throw Error(path, "a field compared with a literal is written {\"op\", \"field\", \"value\"} (the canonical form)");
            }

            return new BinaryNode(0, binary, left, right);
        }

        private RuleNode Item(JsonElement item, string path, int depth)
        {
            var node = Node(item, path, depth + 1);
            return node is LiteralNode
                ? throw Error(path, "a literal in a list is written as the plain JSON value (the canonical form)")
                : node;
        }

        private RuleNode Operand(JsonElement element, string path, int depth, List<string> names, string? extra)
        {
            string[] expected = names.Contains("field") ? ["op", "field"] : ["op", "left"];
            Only(names, path, extra is null ? expected : [.. expected, extra]);
            if (names.Contains("field"))
            {
                return Field(element.GetProperty("field"), path + ".field");
            }

            var left = Node(element.GetProperty("left"), path + ".left", depth + 1);
            return left is FieldNode
                ? throw Error(path, "a field operand is written {\"field\": ...} beside \"op\" (the canonical form)")
                : left;
        }

        private LogicalNode Logical(JsonElement array, bool isAnd, string path, int depth)
        {
            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() < 2)
            {
                throw Error(path, "expected an array of two operands or more");
            }

            var operands = new List<RuleNode>();
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var operand = Node(item, $"{path}[{i++}]", depth + 1);
                if (operand is LogicalNode nested && nested.IsAnd == isAnd)
                {
                    throw Error($"{path}[{i - 1}]", $"a nested '{nested.Keyword}' inside '{nested.Keyword}' is written flat (the canonical form)");
                }

                operands.Add(operand);
            }

            return new LogicalNode(0, isAnd, operands);
        }

        private CallNode Call(JsonElement element, string path, int depth)
        {
            var name = element.GetProperty("fn");
            if (name.ValueKind != JsonValueKind.String || !Functions.Arity.TryGetValue(name.GetString()!, out var arity))
            {
                throw Error(path + ".fn", $"unknown function {Describe(name)}");
            }

            if (!element.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
            {
                throw Error(path + ".args", "expected an array of arguments");
            }

            if (args.GetArrayLength() != arity)
            {
                throw Error(path + ".args", $"{name.GetString()}() takes {arity} argument{(arity == 1 ? string.Empty : "s")}, found {args.GetArrayLength()}");
            }

            return new CallNode(0, name.GetString()!, [.. args.EnumerateArray().Select((a, i) => Node(a, $"{path}.args[{i}]", depth + 1))]);
        }

        private AggregateNode Aggregate(JsonElement element, string path, int depth)
        {
            var name = element.GetProperty("agg");
            if (name.ValueKind != JsonValueKind.String || !Functions.Aggregates.TryGetValue(name.GetString()!, out var kind))
            {
                throw Error(path + ".agg", $"unknown aggregate {Describe(name)}");
            }

            if (!element.TryGetProperty("path", out var collection))
            {
                throw Error(path, "an aggregate needs \"path\"");
            }

            var where = element.TryGetProperty("where", out var condition) ? Node(condition, path + ".where", depth + 1) : null;
            if (kind == AggregateKind.All && where is null)
            {
                throw Error(path, "all needs \"where\"");
            }

            return new AggregateNode(0, kind, Field(collection, path + ".path"), where);
        }

        private static FieldNode Field(JsonElement element, string path)
        {
            var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Error(path, "expected a field path string");
            var segments = text.Split('.');
            foreach (var segment in segments)
            {
                if (segment.Length == 0 || !(char.IsAsciiLetter(segment[0]) || segment[0] == '_') || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    throw Error(path, $"'{text}' is not a field path (names of ASCII letters, digits and '_', joined by '.')");
                }
            }

            if (Functions.Keywords.Contains(segments[0]))
            {
                throw Error(path, $"a field path cannot start with the keyword '{segments[0]}'");
            }

            // The text form reads a lone "AND" or "Null" as a misspelt keyword, so JSON cannot name such a field either.
            if (segments.Length == 1 && Functions.Respelling(segments[0]) is { } keyword && Functions.Keywords.Contains(keyword))
            {
                throw Error(path, $"a field named '{segments[0]}' reads as the keyword '{keyword}' misspelt");
            }

            return new FieldNode(0, segments);
        }

        private static LiteralNode Literal(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Null:
                    return new LiteralNode(0, LiteralKind.Null, null);
                case JsonValueKind.True or JsonValueKind.False:
                    return new LiteralNode(0, LiteralKind.Boolean, element.GetBoolean());
                case JsonValueKind.String:
                    var text = element.GetString()!;
                    if (text.Any(char.IsSurrogate) && !IsWellFormed(text))
                    {
                        throw Error(path, "a string with a lone surrogate");
                    }

                    return new LiteralNode(0, LiteralKind.String, text);
                case JsonValueKind.Number:
                    var raw = element.GetRawText();
                    if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                        || !string.Equals(RulePrinter.Number(number), raw, StringComparison.Ordinal))
                    {
                        throw Error(path, $"the number {raw} is not a canonical decimal (digits, an optional '.' and digits, no exponent, within System.Decimal)");
                    }

                    return new LiteralNode(0, LiteralKind.Number, number);
                default:
                    throw Error(path, $"expected a literal, found {Describe(element)}");
            }
        }

        private static bool IsWellFormed(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static void Only(List<string> names, string path, params string[] allowed)
        {
            foreach (var name in names)
            {
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    throw Error(path, $"unexpected property '{name}' (this node has: {string.Join(", ", allowed)})");
                }
            }

            foreach (var name in allowed)
            {
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    throw Error(path, $"missing property '{name}'");
                }
            }
        }

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => $"'{element.GetString()}'",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => element.GetRawText(),
        };
    }
}
