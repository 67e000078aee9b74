using System.Diagnostics;
using System.Numerics.Tensors;
using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Inference;

/// <summary>Float against int8 on the same tower and the same inputs: speed and agreement.</summary>
internal static class PrecisionComparison
{
    private const int AgreementBatch = 8;

    /// <summary>Calls alternate (float, int8, float, …) so a change in the shared machine's load
    /// hits both alike; each call is timed on its own.</summary>
    public static PrecisionRow Measure(TowerSession fp32, TowerSession int8, int batch, int warmup, int iterations, ulong seed)
    {
        using var fp32Input = fp32.CreateBatch(batch, seed);
        using var int8Input = int8.CreateBatch(batch, seed);
        for (var i = 0; i < warmup; i++)
        {
            fp32.Run(fp32Input);
            int8.Run(int8Input);
        }

        var fp32Samples = new double[iterations];
        var int8Samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            fp32Samples[i] = Time(() => fp32.Run(fp32Input));
            int8Samples[i] = Time(() => int8.Run(int8Input));
        }

        var fp32Latency = LatencySummary.From(fp32Samples);
        var int8Latency = LatencySummary.From(int8Samples);
        return new PrecisionRow(fp32.Tower.ToString().ToLowerInvariant(), batch, warmup, fp32Latency, int8Latency,
            fp32Latency.Throughput(batch), int8Latency.Throughput(batch), int8Latency.Throughput(batch) / fp32Latency.Throughput(batch));
    }

    /// <param name="inputs">Seeded inputs compared; a multiple of 8.</param>
    public static AgreementRow Agreement(TowerSession fp32, TowerSession int8, int inputs, ulong seed)
    {
        using var all = fp32.CreateBatch(inputs, seed);
        var fp32Alone = Embed(fp32, all, 1);
        var int8Alone = Embed(int8, all, 1);
        var fp32Batched = Embed(fp32, all, AgreementBatch);
        var int8Batched = Embed(int8, all, AgreementBatch);

        var alone = Cosines(fp32Alone, int8Alone);
        var batched = Cosines(fp32Batched, int8Batched);
        return new AgreementRow(fp32.Tower.ToString().ToLowerInvariant(), inputs,
            alone.Min(), alone.Average(), batched.Min(), batched.Average(),
            Cosines(int8Alone, int8Batched).Min(), Cosines(fp32Alone, fp32Batched).Min());
    }

    private static double Time(Action call)
    {
        var start = Stopwatch.GetTimestamp();
        call();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    // Runs the rows of `all` in consecutive batches of `batch` and returns one embedding per row.
    private static float[][] Embed(TowerSession session, TowerBatch all, int batch)
    {
        var embeddings = new float[all.BatchSize][];
        var rowLength = all.InputData.Length / all.BatchSize;
        for (var first = 0; first < all.BatchSize; first += batch)
        {
            using var part = all.InputData switch
            {
                float[] pixels => TowerBatch.ForPixels(pixels.AsSpan(first * rowLength, batch * rowLength).ToArray(), batch, session.Architecture),
                long[] ids => TowerBatch.ForTokenIds(ids.AsSpan(first * rowLength, batch * rowLength).ToArray(), batch, session.Architecture),
                _ => throw new InvalidOperationException("Unknown input type " + all.InputData.GetType()),
            };
            session.Run(part);
            for (var row = 0; row < batch; row++)
            {
                embeddings[first + row] = part.Embedding(row).ToArray();
            }
        }

        return embeddings;
    }

    private static double[] Cosines(float[][] left, float[][] right) =>
        [.. left.Zip(right, (a, b) => (double)TensorPrimitives.CosineSimilarity(a, b))];
}
