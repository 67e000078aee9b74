using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Exact integer dot products of a row's int8 codes with a query's codes, which are kept
/// widened to shorts once per search so that the hot loop only widens the row. .NET 10 exposes no
/// 512-bit VNNI (<c>AvxVnni</c> is the VEX form, absent on AVX-512 server parts), so the widest path
/// is AVX-512BW's <c>vpmovsxbw</c> + <c>vpmaddwd</c>. Codes lie in [-127, 127], so a pair of
/// products (≤ 2 × 16,129) fits the 32-bit lanes and a row of up to 65,535 dimensions cannot overflow.</summary>
internal static class Int8Dot
{
    /// <summary>The fastest kernel this machine runs.</summary>
    public static Int8DotKernel Best { get; } =
        Avx512BW.IsSupported ? Int8DotKernel.Avx512
        : Avx2.IsSupported ? Int8DotKernel.Avx2
        : Vector128.IsHardwareAccelerated ? Int8DotKernel.Vector128
        : Int8DotKernel.Scalar;

    public static bool IsSupported(Int8DotKernel kernel) => kernel switch
    {
        Int8DotKernel.Scalar => true,
        Int8DotKernel.Vector128 => Vector128.IsHardwareAccelerated,
        Int8DotKernel.Avx2 => Avx2.IsSupported,
        Int8DotKernel.Avx512 => Avx512BW.IsSupported,
        _ => false,
    };

    /// <summary>The dot product with the best kernel. The branches test JIT-time constants, so
    /// this inlines to one kernel with no dispatch per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        if (Avx512BW.IsSupported)
        {
            return DotAvx512(row, query);
        }

        if (Avx2.IsSupported)
        {
            return DotAvx2(row, query);
        }

        return Vector128.IsHardwareAccelerated ? DotVector128(row, query) : DotScalar(row, query, 0, 0);
    }

    /// <summary>The dot product with a chosen kernel (tests compare them).</summary>
    /// <exception cref="PlatformNotSupportedException">This machine lacks the kernel's instructions.</exception>
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query, Int8DotKernel kernel)
    {
        if (!IsSupported(kernel))
        {
            throw new PlatformNotSupportedException($"This machine cannot run the {kernel} int8 kernel.");
        }

        return kernel switch
        {
            Int8DotKernel.Avx512 => DotAvx512(row, query),
            Int8DotKernel.Avx2 => DotAvx2(row, query),
            Int8DotKernel.Vector128 => DotVector128(row, query),
            _ => DotScalar(row, query, 0, 0),
        };
    }

    private static int DotAvx512(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var rowRef = ref MemoryMarshal.GetReference(row);
        ref var queryRef = ref MemoryMarshal.GetReference(query);
        var sum = Vector512<int>.Zero;
        var i = 0;
        for (; i <= row.Length - 32; i += 32)
        {
            var codes = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref rowRef, (nuint)i));
            sum += Avx512BW.MultiplyAddAdjacent(codes, Vector512.LoadUnsafe(ref queryRef, (nuint)i));
        }

        return DotScalar(row, query, i, Vector512.Sum(sum));
    }

    private static int DotAvx2(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var rowRef = ref MemoryMarshal.GetReference(row);
        ref var queryRef = ref MemoryMarshal.GetReference(query);
        var sum = Vector256<int>.Zero;
        var i = 0;
        for (; i <= row.Length - 16; i += 16)
        {
            var codes = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rowRef, (nuint)i));
            sum += Avx2.MultiplyAddAdjacent(codes, Vector256.LoadUnsafe(ref queryRef, (nuint)i));
        }

        return DotScalar(row, query, i, Vector256.Sum(sum));
    }

    private static int DotVector128(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var rowRef = ref MemoryMarshal.GetReference(row);
        ref var queryRef = ref MemoryMarshal.GetReference(query);
        var sum = Vector128<int>.Zero;
        var i = 0;
        for (; i <= row.Length - 16; i += 16)
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref rowRef, (nuint)i));
            // |code × code| ≤ 16,129 fits a short, so the products are exact before widening.
            var lowProducts = low * Vector128.LoadUnsafe(ref queryRef, (nuint)i);
            var highProducts = high * Vector128.LoadUnsafe(ref queryRef, (nuint)(i + 8));
            var (a, b) = Vector128.Widen(lowProducts);
            var (c, d) = Vector128.Widen(highProducts);
            sum += a + b + c + d;
        }

        return DotScalar(row, query, i, Vector128.Sum(sum));
    }

    /// <summary>Adds the products from <paramref name="start"/> on to <paramref name="sum"/>: the
    /// whole dot product, or the tail the vector loops leave.</summary>
    private static int DotScalar(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query, int start, int sum)
    {
        for (var i = start; i < row.Length; i++)
        {
            sum += row[i] * query[i];
        }

        return sum;
    }
}
