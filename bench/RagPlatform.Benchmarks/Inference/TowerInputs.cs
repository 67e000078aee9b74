using RagPlatform.Benchmarks.Onnx.Clip;

namespace RagPlatform.Benchmarks.Inference;

/// <summary>Seeded inputs shaped like real ones: normalised pixel values, and token rows
/// [start, words..., end, padding] as CLIP's tokenizer produces them.</summary>
internal static class TowerInputs
{
    public const long StartToken = 49406;
    public const long EndToken = 49407;

    /// <summary>[batch, 3, size, size] values in the range CLIP normalisation gives (≈ −1.8 … 2.1).</summary>
    public static float[] Pixels(ClipArchitecture architecture, int batch, ulong seed)
    {
        var values = new float[batch * 3 * architecture.ImageSize * architecture.ImageSize];
        var state = seed;
        for (var i = 0; i < values.Length; i++)
        {
            var unit = (SeededWeights.NextUInt64(ref state) >> 40) * (1.0 / (1UL << 24));
            values[i] = (float)(-1.8 + (unit * 3.9));
        }

        return values;
    }

    /// <summary>[batch, context] ids: each row holds 3 to 40 random word ids between the start and
    /// end tokens, then <paramref name="padding"/> (CLIP pads with the end token).</summary>
    public static long[] TokenIds(ClipArchitecture architecture, int batch, ulong seed, long padding = EndToken)
    {
        var length = architecture.ContextLength;
        var ids = new long[batch * length];
        var state = seed;
        for (var row = 0; row < batch; row++)
        {
            var words = 3 + (int)(SeededWeights.NextUInt64(ref state) % 38);
            var span = ids.AsSpan(row * length, length);
            span.Fill(padding);
            span[0] = StartToken;
            for (var position = 1; position <= words; position++)
            {
                span[position] = (long)(SeededWeights.NextUInt64(ref state) % (ulong)StartToken);
            }

            span[words + 1] = EndToken;
        }

        return ids;
    }
}
