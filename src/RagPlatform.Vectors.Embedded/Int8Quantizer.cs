using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Symmetric int8 scalar quantisation, one scale per vector: code = round(x × 127 / max|x|),
/// so x ≈ code × scale with scale = max|x| / 127. Needs no training and no statistics of the other
/// rows, so a row is coded the moment it arrives and never re-coded. The dot product of two coded
/// vectors is (integer dot) × scale₁ × scale₂; the error per component is at most scale / 2.</summary>
internal static class Int8Quantizer
{
    public const int MaxCode = 127;

    /// <summary>Writes the codes of <paramref name="vector"/> and returns its scale (0 for a zero vector,
    /// whose codes are all 0).</summary>
    // Fully optimised from the first call: a start-up load runs this a million times before tiered
    // compilation would replace its unoptimised first version (measured: 2.4-2.9 s vs 2.0 s at 1M).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes) => QuantizeTo(vector, codes, MaxCode);

    /// <summary>A query's codes, on the narrower scale <see cref="Int8Dot"/> needs
    /// (<see cref="Int8Query.MaxCode"/>). Its scale is dropped: it multiplies every row's score alike
    /// and so never changes the ranking. The coarser step (max|x| / 64) adds an error of the same
    /// order as the rows' own, far below the gap the re-scored candidates leave.</summary>
    public static Int8Query QuantizeQuery(ReadOnlySpan<float> query)
    {
        var codes = new sbyte[query.Length];
        QuantizeTo(query, codes, Int8Query.MaxCode);
        return new Int8Query(codes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float QuantizeTo(ReadOnlySpan<float> vector, Span<sbyte> codes, float maxCode)
    {
        if (codes.Length != vector.Length)
        {
            throw new ArgumentException($"{codes.Length} codes for a {vector.Length}-dimensional vector.", nameof(codes));
        }

        var max = TensorPrimitives.MaxMagnitude(vector);
        var magnitude = MathF.Abs(max);
        if (magnitude == 0 || !float.IsFinite(magnitude))
        {
            codes.Clear();
            return 0;
        }

        Encode(vector, codes, maxCode / magnitude);
        return magnitude / maxCode;
    }

    /// <summary>code = round-half-to-even(x × factor), 32 at a time in one pass. |x| × factor ≤
    /// maxCode up to one ulp, which rounds back to maxCode, so every code fits a signed byte and the
    /// narrowing steps (which truncate) are exact. The same products and rounding as the
    /// <see cref="TensorPrimitives"/> Multiply, Round and ConvertSaturating passes it replaces, which
    /// took ≈ 2.7 µs a 512-d vector and were the largest part of a reload from the log (2.7-2.9 s of
    /// 4.7-5.7 s at 1M × 512, load average 15).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Encode(ReadOnlySpan<float> vector, Span<sbyte> codes, float factor)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(vector);
            ref var target = ref MemoryMarshal.GetReference(codes);
            var scale = Vector256.Create(factor);
            for (; i <= vector.Length - 32; i += 32)
            {
                var a = Vector256.ConvertToInt32(Vector256.Round(Vector256.LoadUnsafe(ref source, (nuint)i) * scale));
                var b = Vector256.ConvertToInt32(Vector256.Round(Vector256.LoadUnsafe(ref source, (nuint)(i + 8)) * scale));
                var c = Vector256.ConvertToInt32(Vector256.Round(Vector256.LoadUnsafe(ref source, (nuint)(i + 16)) * scale));
                var d = Vector256.ConvertToInt32(Vector256.Round(Vector256.LoadUnsafe(ref source, (nuint)(i + 24)) * scale));
                Vector256.Narrow(Vector256.Narrow(a, b), Vector256.Narrow(c, d)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < vector.Length; i++)
        {
            codes[i] = (sbyte)MathF.Round(vector[i] * factor, MidpointRounding.ToEven);
        }
    }
}
