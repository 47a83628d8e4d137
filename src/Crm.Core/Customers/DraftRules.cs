namespace Crm.Customers;

internal static class DraftRules
{
    /// <summary>Marks the first point of each kind primary when the draft marked none of that kind; keeps explicit marks (two are a validation error).</summary>
    public static IReadOnlyList<ContactPoint> DefaultPrimaries(IReadOnlyList<ContactPoint> points)
    {
        if (points is null || points.Count == 0)
        {
            return [];
        }

        // Null elements are kept for validation to report with their index. Kinds are tracked as bits
        // (two hash sets per contact were a tenth of an import's garbage); a kind without a name is left
        // alone: validation refuses it anyway.
        var result = new ContactPoint[points.Count];
        var hasPrimary = 0u;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i] is { IsPrimary: true } point)
            {
                hasPrimary |= Bit(point.Kind);
            }
        }

        var seen = 0u;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var bit = point is null ? 0u : Bit(point.Kind);
            var first = bit != 0 && (seen & bit) == 0;
            seen |= bit;
            result[i] = first && (hasPrimary & bit) == 0 ? point! with { IsPrimary = true } : point!;
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static uint Bit(ContactPointKind kind) => DefinedEnum<ContactPointKind>.IsDefined(kind) && (uint)kind < 32 ? 1u << (int)kind : 0u;
}
