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

    internal void Validate()
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

        Array.Sort(ranking);
        var result = new TierAssignment<TKey>[count];
        var above = 0m;
        for (var rank = 0; rank < count; rank++)
        {
            var i = ranking[rank].Index;
            var share = total == 0m ? 0m : above / total;
            var tier = revenue[i] <= 0m ? CustomerTier.C : share < options.AShare ? CustomerTier.A : share < options.BShare ? CustomerTier.B : CustomerTier.C;
            above += Math.Max(0m, revenue[i]);
            result[rank] = new TierAssignment<TKey>(customers.Keys[i], revenue[i], total == 0m ? 0m : Math.Round(above / total, 6, MidpointRounding.AwayFromZero), tier);
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
