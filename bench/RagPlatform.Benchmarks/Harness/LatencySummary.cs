namespace RagPlatform.Benchmarks.Harness;

/// <summary>Latency of one measured operation, in milliseconds.</summary>
internal sealed record LatencySummary(int Iterations, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MinMs, double MaxMs, double TotalSeconds)
{
    /// <summary>Percentiles interpolate linearly between the two nearest ranks (numpy's default).</summary>
    public static LatencySummary From(IReadOnlyList<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            throw new ArgumentException("No samples were recorded.", nameof(samplesMs));
        }

        var sorted = samplesMs.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            sorted.Average(),
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95),
            Percentile(sorted, 0.99),
            sorted[0],
            sorted[^1],
            sorted.Sum() / 1000);
    }

    /// <summary>Items per second at the mean latency, for an operation that handles <paramref name="itemsPerCall"/>.</summary>
    public double Throughput(int itemsPerCall) => itemsPerCall * 1000 / MeanMs;

    private static double Percentile(double[] sorted, double fraction)
    {
        var rank = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
