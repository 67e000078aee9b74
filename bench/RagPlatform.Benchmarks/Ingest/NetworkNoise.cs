namespace RagPlatform.Benchmarks.Ingest;

/// <summary>An input for timing a network at a shape no calibration image has: uniform values in
/// [-1, 1) from a fixed seed, so that every variant and every run times the same numbers.</summary>
internal static class NetworkNoise
{
    public static float[] Of(int[] shape)
    {
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        var random = new Random(1);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
