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

    /// <summary>The weighted mean of three bin scores, rounded to 4 places (away from zero): <see cref="RfmScore{TKey}.Score"/>.</summary>
    /// <param name="recency">The recency score.</param>
    /// <param name="frequency">The frequency score.</param>
    /// <param name="monetary">The monetary score.</param>
    /// <returns>The combined score.</returns>
    public decimal Combine(int recency, int frequency, int monetary) =>
        Math.Round(((RecencyWeight * recency) + (FrequencyWeight * frequency) + (MonetaryWeight * monetary)) / (RecencyWeight + FrequencyWeight + MonetaryWeight), 4, MidpointRounding.AwayFromZero);

    /// <summary>The bin of a value: 1 + ⌊<see cref="Bins"/> × <paramref name="strictlyWorse"/> / <paramref name="customers"/>⌋.</summary>
    /// <param name="strictlyWorse">How many customers are strictly worse on the measure.</param>
    /// <param name="customers">How many customers are scored.</param>
    /// <returns>1 to <see cref="Bins"/>.</returns>
    public int BinOf(long strictlyWorse, long customers) => 1 + (int)(Bins * strictlyWorse / customers);

    /// <summary>Throws when the bins or weights are out of range (stores that score in the database call it before they run).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Bins outside 2–100, a negative weight, or all weights zero.</exception>
    public void Validate()
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
