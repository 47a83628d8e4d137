namespace Crm.Segmentation;

/// <summary>A customer's tier by cumulative revenue share.</summary>
public enum CustomerTier
{
    /// <summary>The customers that make the first share of revenue (80 % by default).</summary>
    A,

    /// <summary>The next share (15 % by default).</summary>
    B,

    /// <summary>The rest, and customers without revenue.</summary>
    C,
}

/// <summary>Where the A and B tiers end, as cumulative shares of total revenue.</summary>
public sealed record TierOptions
{
    /// <summary>A ends at this cumulative share (0.80 by default).</summary>
    public decimal AShare { get; init; } = 0.80m;

    /// <summary>B ends at this cumulative share (0.95 by default: the next 15 %).</summary>
    public decimal BShare { get; init; } = 0.95m;

    /// <summary>
    /// The tier of a customer from exact sums: A while the positive revenue of the customers ranked
    /// above it is below <see cref="AShare"/> of the total positive revenue, B below
    /// <see cref="BShare"/>, C after; no positive revenue is C. Compared as products, not quotients,
    /// so a share is never rounded across a boundary.
    /// </summary>
    /// <param name="revenue">The customer's revenue.</param>
    /// <param name="revenueAbove">The positive revenue of every customer ranked above it.</param>
    /// <param name="totalRevenue">The positive revenue of every customer.</param>
    /// <returns>The tier.</returns>
    public CustomerTier TierOf(decimal revenue, decimal revenueAbove, decimal totalRevenue) =>
        revenue <= 0m ? CustomerTier.C
        : revenueAbove < AShare * totalRevenue ? CustomerTier.A
        : revenueAbove < BShare * totalRevenue ? CustomerTier.B
        : CustomerTier.C;

    /// <summary>A cumulative share as reported: <paramref name="revenueUpTo"/> / <paramref name="totalRevenue"/> rounded to 6 places; 0 when there is no revenue.</summary>
    /// <param name="revenueUpTo">The positive revenue of the customer and every customer ranked above it.</param>
    /// <param name="totalRevenue">The positive revenue of every customer.</param>
    /// <returns>The share.</returns>
    public static decimal ShareOf(decimal revenueUpTo, decimal totalRevenue) =>
        totalRevenue == 0m ? 0m : Math.Round(revenueUpTo / totalRevenue, 6, MidpointRounding.AwayFromZero);

    /// <summary>Throws when the shares are out of range (stores that assign tiers in the database call it before they run).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shares do not satisfy 0 &lt; A ≤ B ≤ 1.</exception>
    public void Validate()
    {
        if (AShare is <= 0m or > 1m || BShare < AShare || BShare > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(AShare), $"Tier shares must satisfy 0 < A ({AShare}) <= B ({BShare}) <= 1.");
        }
    }
}

/// <summary>A customer's revenue, its share of the total and its tier.</summary>
/// <typeparam name="TKey">How customers are identified.</typeparam>
/// <param name="Customer">The customer.</param>
/// <param name="Revenue">Sum of the customer's purchases.</param>
/// <param name="CumulativeShare">Share of total revenue of this customer and every customer ranked above it.</param>
/// <param name="Tier">The tier.</param>
public sealed record TierAssignment<TKey>(TKey Customer, decimal Revenue, decimal CumulativeShare, CustomerTier Tier)
    where TKey : notnull;

/// <summary>
/// A/B/C tiers by cumulative revenue share (Pareto): customers ranked by revenue, highest first; a
/// customer is A while the revenue of the customers ranked above it is below the A share of the
/// total (so the customer that crosses 80 % is still A), B likewise up to the B share, C after.
/// Equal revenues are ranked by first appearance in the input, so a tie at a boundary is decided
/// by input order, deterministically. Customers with no positive revenue are C.
/// </summary>
public static class Tiers
{
    /// <summary>Assigns every customer with at least one purchase a tier.</summary>
    /// <typeparam name="TKey">How customers are identified.</typeparam>
    /// <param name="purchases">The purchases, in any order; one currency.</param>
    /// <param name="options">Where A and B end; 80/15/5 when null.</param>
    /// <returns>One assignment per customer, highest revenue first.</returns>
    public static IReadOnlyList<TierAssignment<TKey>> Assign<TKey>(IEnumerable<CustomerPurchase<TKey>> purchases, TierOptions? options = null)
        where TKey : notnull => Assign(purchases, options, tieOrder: null);

    /// <summary>As the public overload; equal revenues rank by <paramref name="tieOrder"/> when given (a store's key order, so every store agrees), else by first appearance.</summary>
    internal static IReadOnlyList<TierAssignment<TKey>> Assign<TKey>(IEnumerable<CustomerPurchase<TKey>> purchases, TierOptions? options, IComparer<TKey>? tieOrder)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(purchases);
        options ??= new TierOptions();
        options.Validate();
        var customers = CustomerTotals<TKey>.Collect(purchases);
        var count = customers.Count;
        var ranking = new Rank[count];
        var revenue = new decimal[count];
        var total = 0m;
        for (var i = 0; i < count; i++)
        {
            revenue[i] = customers.Amount[i];
            ranking[i] = new Rank(revenue[i], i);
            total += Math.Max(0m, revenue[i]);
        }

        if (tieOrder is null)
        {
            Array.Sort(ranking);
        }
        else
        {
            var keys = customers.Keys;
            Array.Sort(ranking, (a, b) =>
            {
                var byRevenue = b.Revenue.CompareTo(a.Revenue);
                return byRevenue != 0 ? byRevenue : tieOrder.Compare(keys[a.Index], keys[b.Index]);
            });
        }

        var result = new TierAssignment<TKey>[count];
        var above = 0m;
        for (var rank = 0; rank < count; rank++)
        {
            var i = ranking[rank].Index;
            var tier = options.TierOf(revenue[i], above, total);
            above += Math.Max(0m, revenue[i]);
            result[rank] = new TierAssignment<TKey>(customers.Keys[i], revenue[i], TierOptions.ShareOf(above, total), tier);
        }

        return result;
    }

    /// <summary>Highest revenue first; equal revenues in first-seen order.</summary>
    private readonly record struct Rank(decimal Revenue, int Index) : IComparable<Rank>
    {
        public int CompareTo(Rank other)
        {
            var byRevenue = other.Revenue.CompareTo(Revenue);
            return byRevenue != 0 ? byRevenue : Index.CompareTo(other.Index);
        }
    }
}
