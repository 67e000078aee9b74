using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using RagPlatform.Benchmarks.Onnx.Clip;

namespace RagPlatform.Benchmarks.Vectors;

/// <summary>L2-normalised vectors in one contiguous row-major array (1M × 512 floats = 2 GB).
/// Generated in parallel chunks, each seeded from the set's seed and its chunk number, so the
/// content does not depend on the number of threads.</summary>
internal sealed class VectorSet
{
    private const int ChunkRows = 4096;

    private VectorSet(float[] data, int count, int dimensions)
    {
        Data = data;
        Count = count;
        Dimensions = dimensions;
    }

    public float[] Data { get; }

    public int Count { get; }

    public int Dimensions { get; }

    public long Bytes => (long)Data.Length * sizeof(float);

    public ReadOnlyMemory<float> Row(int row) => Data.AsMemory(row * Dimensions, Dimensions);

    /// <summary>Uniform in the cube, then normalised: not perfectly isotropic, but that does not
    /// matter to an exact scan, and random data is the hard case for an approximate index.</summary>
    public static VectorSet Random(int count, int dimensions, ulong seed) =>
        Build(count, dimensions, seed, (_, _) => { });

    /// <summary>Queries near stored rows: row r + noise with about 0.75 of its length, so each
    /// query has a clear nearest neighbour (cosine ≈ 0.8) among many plausible ones.</summary>
    public static VectorSet QueriesNear(VectorSet stored, int count, ulong seed) =>
        Build(count, stored.Dimensions, seed, (row, vector) =>
        {
            var state = seed ^ (0xA24BAED4963EE407UL * (ulong)(row + 1));
            var source = (int)(SeededWeights.NextUInt64(ref state) % (ulong)stored.Count);
            // Noise components are uniform in ±0.5 (std 1/√12), so this scale gives a noise vector
            // of length ≈ 0.75 against the source's length 1.
            TensorPrimitives.Multiply(vector, 0.75f * MathF.Sqrt(12f / vector.Length), vector);
            TensorPrimitives.Add(vector, stored.Row(source).Span, vector);
        });

    private delegate void Shape(int row, Span<float> vector);

    private static VectorSet Build(int count, int dimensions, ulong seed, Shape shape)
    {
        if (dimensions % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), "Vectors are filled 64 random bits at a time: use an even length.");
        }

        if ((long)count * dimensions > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"{count:N0} vectors of {dimensions} floats do not fit one array (at most {Array.MaxLength / dimensions:N0}).");
        }

        var data = GC.AllocateUninitializedArray<float>(count * dimensions);
        var chunks = (count + ChunkRows - 1) / ChunkRows;
        Parallel.For(0, chunks, chunk =>
        {
            var state = seed ^ (0x9E3779B97F4A7C15UL * (ulong)(chunk + 1));
            var end = Math.Min(count, (chunk + 1) * ChunkRows);
            var rows = data.AsSpan(chunk * ChunkRows * dimensions, (end - (chunk * ChunkRows)) * dimensions);
            foreach (ref var bits in MemoryMarshal.Cast<float, ulong>(rows))
            {
                bits = SeededWeights.NextUInt64(ref state);
            }

            // Random bits → uniform floats in [-0.5, 0.5), vectorised: the top 23 bits become the
            // mantissa of a float in [1, 2), then 1.5 is subtracted.
            var words = MemoryMarshal.Cast<float, uint>(rows);
            TensorPrimitives.ShiftRightLogical(words, 9, words);
            TensorPrimitives.BitwiseOr(words, 0x3F80_0000u, words);
            TensorPrimitives.Subtract(rows, 1.5f, rows);

            for (var row = chunk * ChunkRows; row < end; row++)
            {
                var vector = data.AsSpan(row * dimensions, dimensions);
                shape(row, vector);
                TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            }
        });
        return new VectorSet(data, count, dimensions);
    }
}
