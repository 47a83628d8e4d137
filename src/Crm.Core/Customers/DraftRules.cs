namespace Crm.Customers;

internal static class DraftRules
{
    /// <summary>Marks the first point of each kind primary when the draft marked none of that kind; keeps explicit marks (two are a validation error).</summary>
    public static IReadOnlyList<ContactPoint> DefaultPrimaries(IReadOnlyList<ContactPoint> points)
    {
        var result = new ContactPoint[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var kindHasPrimary = false;
            var firstOfKind = true;
            for (var j = 0; j < points.Count; j++)
            {
                if (points[j].Kind == point.Kind)
                {
                    kindHasPrimary |= points[j].IsPrimary;
                    firstOfKind &= j >= i;
                }
            }

            result[i] = !kindHasPrimary && firstOfKind ? point with { IsPrimary = true } : point;
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
