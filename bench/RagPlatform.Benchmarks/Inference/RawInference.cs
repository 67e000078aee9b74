namespace RagPlatform.Benchmarks.Inference;

/// <summary>Times a session on a pre-built batch: no input preparation, no output copy.</summary>
internal static class RawInference
{
    /// <summary>Untimed warm-up calls, then timed ones, as the defaults of the suites.</summary>
    public static (int Warmup, int Iterations) DefaultCounts(int batch) => batch == 1 ? (3, 30) : (2, 10);

    public static InferenceRow Measure(TowerSession session, int batch, int warmup, int iterations, ulong seed)
    {
        using var input = session.CreateBatch(batch, seed);
        var latency = Harness.Measurement.Run(warmup, iterations, _ => session.Run(input));
        return new InferenceRow(session.Tower.ToString().ToLowerInvariant(), "raw", batch, warmup, latency, latency.Throughput(batch));
    }
}
