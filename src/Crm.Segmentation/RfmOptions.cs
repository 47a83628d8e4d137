using NodaTime;

namespace Crm.Segmentation;

/// <summary>How RFM scores are computed: the day recency is measured to, the number of bins, and the weights of the total score.</summary>
public sealed record RfmOptions
{
    /// <summary>Recency is the number of days from the last purchase to this day.</summary>
    public required LocalDate AsOf { get; init; }

    /// <summary>Bins per measure: 5 (quintiles) by default; 2 to 100.</summary>
    public int Bins { get; init; } = 5;

    /// <summary>Weight of the recency score in <see cref="RfmScore{TKey}.Score"/>.</summary>
    public decimal RecencyWeight { get; init; } = 1m;

    /// <summary>Weight of the frequency score.</summary>
    public decimal FrequencyWeight { get; init; } = 1m;

    /// <summary>Weight of the monetary score.</summary>
    public decimal MonetaryWeight { get; init; } = 1m;

    internal void Validate()
    {
        if (Bins is < 2 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Bins), Bins, "RFM needs 2 to 100 bins per measure.");
        }

        if (RecencyWeight < 0 || FrequencyWeight < 0 || MonetaryWeight < 0 || RecencyWeight + FrequencyWeight + MonetaryWeight == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RecencyWeight), "RFM weights are zero or more, and not all zero.");
        }
    }
}

/// <summary>A customer's RFM measures and scores.</summary>
/// <typeparam name="TKey">How customers are identified.</typeparam>
/// <param name="Customer">The customer.</param>
/// <param name="RecencyDays">Days from the last purchase to <see cref="RfmOptions.AsOf"/>.</param>
/// <param name="Frequency">Distinct orders.</param>
/// <param name="Monetary">Sum of amounts.</param>
/// <param name="R">Recency score, 1 (longest ago) to the number of bins (most recent).</param>
/// <param name="F">Frequency score, 1 to the number of bins (most orders).</param>
/// <param name="M">Monetary score, 1 to the number of bins (most spent).</param>
/// <param name="Score">The weighted mean of R, F and M, rounded to 4 places.</param>
public sealed record RfmScore<TKey>(TKey Customer, int RecencyDays, int Frequency, decimal Monetary, int R, int F, int M, decimal Score)
    where TKey : notnull
{
    /// <summary>The scores as one code, R then F then M (<c>"5-3-1"</c>).</summary>
    public string Code => $"{R}-{F}-{M}";
}
