using System.Diagnostics;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>The harness loop: a fixed number of untimed warm-up calls (JIT tiering, ONNX Runtime's
/// first-run allocations, caches), then a fixed number of individually timed calls. Calls are
/// numbered across both phases: warm-up calls get 0 … warmup−1, timed calls warmup … warmup+iterations−1.</summary>
internal static class Measurement
{
    public static LatencySummary Run(int warmup, int iterations, Action<int> call)
    {
        for (var i = 0; i < warmup; i++)
        {
            call(i);
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return LatencySummary.From(samples);
    }

    public static async Task<LatencySummary> RunAsync(int warmup, int iterations, Func<int, CancellationToken, ValueTask> call, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmup; i++)
        {
            await call(i, cancellationToken).ConfigureAwait(false);
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            await call(warmup + i, cancellationToken).ConfigureAwait(false);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return LatencySummary.From(samples);
    }
}
