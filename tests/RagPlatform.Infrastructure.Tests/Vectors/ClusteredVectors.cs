namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>Unit vectors in tight clusters around random centres, with queries drawn near the
/// centres: many near-ties among the best rows, the hard case for a quantized scan (uniform random
/// data spreads scores far apart).</summary>
internal sealed class ClusteredVectors(int seed, int dimensions)
{
    private readonly RandomVectors _random = new(seed, dimensions);

    /// <summary><paramref name="count"/> rows in <paramref name="clusters"/> clusters of spread
    /// <paramref name="spread"/> (length of the noise added to a unit centre before normalising).</summary>
    public (List<float[]> Centres, List<float[]> Rows) Generate(int count, int clusters, float spread)
    {
        var centres = Enumerable.Range(0, clusters).Select(_ => _random.Next()).ToList();
        var rows = new List<float[]>(count);
        for (var i = 0; i < count; i++)
        {
            rows.Add(Near(centres[i % clusters], spread));
        }

        return (centres, rows);
    }

    public float[] Near(float[] centre, float spread)
    {
        var noise = _random.Next();
        var vector = new float[centre.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = centre[i] + (spread * noise[i]);
        }

        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return [.. vector.Select(x => x / norm)];
    }
}
