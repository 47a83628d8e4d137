namespace Crm.Cli;

/// <summary>Options of the form <c>--name value</c>; anything else is a usage error.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> known)
    {
        var result = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !known.Contains(name[2..]))
            {
                throw new UsageException($"unknown option '{name}' (options: {string.Join(", ", known.Order(StringComparer.Ordinal).Select(k => "--" + k))})");
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{name} needs a value");
            }

            if (!result._options.TryAdd(name[2..], args[++i]))
            {
                throw new UsageException($"{name} is given twice");
            }
        }

        return result;
    }

    public string? Optional(string name) => _options.GetValueOrDefault(name);

    public string Required(string name) => _options.TryGetValue(name, out var value) ? value : throw new UsageException($"--{name} is required");

    /// <summary>The rule from <c>--rule TEXT</c> or <c>--rule-file FILE</c> (exactly one of them).</summary>
    public string RuleText()
    {
        var text = Optional("rule");
        var file = Optional("rule-file");
        return (text, file) switch
        {
            (not null, null) => text,
            (null, not null) => ReadFile(file),
            (not null, not null) => throw new UsageException("give --rule or --rule-file, not both"),
            _ => throw new UsageException("--rule TEXT or --rule-file FILE is required"),
        };
    }

    public static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }
}

/// <summary>Bad usage or unreadable input: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
