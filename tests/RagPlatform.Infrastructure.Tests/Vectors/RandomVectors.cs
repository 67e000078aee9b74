using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>Seeded random unit vectors and the brute-force search they are checked against.</summary>
internal sealed class RandomVectors(int seed, int dimensions)
{
    private readonly Random _random = new(seed);

    public int Dimensions => dimensions;

    public float[] Next()
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            // Box-Muller: Gaussian components make the direction uniform on the sphere.
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));
        }

        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return [.. vector.Select(x => x / norm)];
    }

    public List<VectorRecord> Records(int count, IReadOnlyList<Guid> documents)
    {
        var modalities = Enum.GetValues<Modality>();
        return [.. Enumerable.Range(0, count).Select(i => new VectorRecord(
            Guid.NewGuid(), documents[_random.Next(documents.Count)], modalities[_random.Next(modalities.Length)], Next()))];
    }

    /// <summary>The exact answer, computed the slow way in double precision.</summary>
    public static List<(Guid ItemId, double Score)> BruteForce(IEnumerable<VectorRecord> records, float[] query, int limit, SearchFilter filter) =>
        [.. records
            .Where(record => filter.Allows(record.Modality, record.DocumentId))
            .Select(record => (record.ItemId, Score: Dot(record.Vector.Span, query)))
            .OrderByDescending(hit => hit.Score)
            .Take(limit)];

    private static double Dot(ReadOnlySpan<float> a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }
}
