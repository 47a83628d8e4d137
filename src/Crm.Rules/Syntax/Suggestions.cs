namespace Crm.Rules.Syntax;

/// <summary>Edit distance for "did you mean" suggestions (names are short; a two-row table is enough).</summary>
internal static class Suggestions
{
    /// <summary>The known name closest to <paramref name="word"/>, if one is close enough to be a likely typo.</summary>
    public static string? Nearest(string word, IEnumerable<string> known) => known
        .Select(k => (Name: k, Distance: Distance(word, k)))
        .Where(x => x.Distance <= Math.Max(2, word.Length / 3))
        .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
        .Select(x => x.Name).FirstOrDefault();

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
