namespace Crm.Benchmarks;

/// <summary>Adds the median and the 95th percentile beside the mean.</summary>
internal sealed class PercentileConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public PercentileConfig() => AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95);
}
