namespace Crm.Segmentation;

/// <summary>
/// RFM scoring over purchase history, in memory. Each measure is binned by rank: a customer's bin
/// is 1 + ⌊bins × (customers strictly worse on that measure) / customers⌋, so customers with equal
/// values always share a bin (ties never split across bins) and the result does not depend on input
/// order. Recency is better when fewer days; frequency and monetary when more.
/// </summary>
public static class Rfm
{
    /// <summary>Scores every customer that has at least one purchase.</summary>
    /// <typeparam name="TKey">How customers are identified.</typeparam>
    /// <param name="purchases">The purchases, in any order; one currency.</param>
    /// <param name="options">As-of day, bins and weights.</param>
    /// <returns>One score per customer, in the order customers first appear in <paramref name="purchases"/>.</returns>
    public static IReadOnlyList<RfmScore<TKey>> Score<TKey>(IEnumerable<CustomerPurchase<TKey>> purchases, RfmOptions options)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var customers = CustomerTotals<TKey>.Collect(purchases);
        var count = customers.Count;
        var recency = new int[count];
        var frequency = new int[count];
        var monetary = new decimal[count];
        for (var i = 0; i < count; i++)
        {
            recency[i] = NodaTime.Period.DaysBetween(customers.LastOrder[i], options.AsOf);
            frequency[i] = customers.Orders[i];
            monetary[i] = customers.Amount[i];
        }

        // Recency: fewer days is better, so it is binned on the negated days.
        var r = Bins(recency, options, negate: true);
        var f = Bins(frequency, options, negate: false);
        var m = Bins(monetary, options);
        var scores = new RfmScore<TKey>[count];
        for (var i = 0; i < count; i++)
        {
            scores[i] = new RfmScore<TKey>(customers.Keys[i], recency[i], frequency[i], monetary[i], r[i], f[i], m[i], options.Combine(r[i], f[i], m[i]));
        }

        return scores;
    }

    private static int[] Bins(int[] values, RfmOptions options, bool negate)
    {
        var keys = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            keys[i] = negate ? -(long)values[i] : values[i];
        }

        return Bins(keys, options);
    }

    private static int[] Bins<T>(T[] values, RfmOptions options)
        where T : IComparable<T>
    {
        var n = values.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var sorted = (T[])values.Clone();
        Array.Sort(sorted, order);
        var result = new int[n];
        var worse = 0;
        for (var i = 0; i < n; i++)
        {
            // The first of a run of equal values sets the count of strictly worse customers for the run.
            if (i > 0 && sorted[i].CompareTo(sorted[i - 1]) != 0)
            {
                worse = i;
            }

            result[order[i]] = options.BinOf(worse, n);
        }

        return result;
    }
}
