using System.Collections.Immutable;

namespace Crm.CustomFields;

internal static class CustomFieldMaps
{
    public static readonly ImmutableSortedDictionary<string, ScalarValue> Empty = ImmutableSortedDictionary<string, ScalarValue>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>An immutable, ordinal-ordered copy (or the same map when it already is one), so stored records never share a caller's mutable dictionary.</summary>
    public static ImmutableSortedDictionary<string, ScalarValue> ToSorted(IReadOnlyDictionary<string, ScalarValue>? fields) =>
        fields is ImmutableSortedDictionary<string, ScalarValue> sorted && ReferenceEquals(sorted.KeyComparer, StringComparer.Ordinal)
            ? sorted
            : fields is null || fields.Count == 0 ? Empty : Empty.AddRange(fields.Where(f => f.Value is not null));
}
