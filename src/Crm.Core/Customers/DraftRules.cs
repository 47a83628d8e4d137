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

        // Null elements are kept for validation to report with their index.
        var result = new ContactPoint[points.Count];
        var hasPrimary = new HashSet<ContactPointKind>();
        var seen = new HashSet<ContactPointKind>();
        foreach (var point in points)
        {
            if (point is { IsPrimary: true })
            {
                hasPrimary.Add(point.Kind);
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            result[i] = point is not null && seen.Add(point.Kind) && !hasPrimary.Contains(point.Kind) ? point with { IsPrimary = true } : point!;
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
