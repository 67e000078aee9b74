using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Exact integer dot products of a row's int8 codes (within ±127) with a query's codes
/// (within ±64, <see cref="Int8Query"/>). .NET 10 exposes no 512-bit VNNI (<c>AvxVnni</c> is the VEX
/// form, absent on AVX-512 server parts), so the x86 kernels use <c>vpmaddubsw</c>, an unsigned ×
/// signed byte multiply that adds pairs into 16-bit lanes: 64 codes per instruction, twice what
/// sign-extending to shorts for <c>vpmaddwd</c> gives. Flipping a row code's sign bit makes it the
/// unsigned code + 128 (≤ 255), and 2 × 255 × 64 = 32,640 cannot saturate a lane; the query's code sum
/// × 128 then takes the offset back out. <c>vpmaddwd</c> by ones widens the pairs to 32 bits, where a
/// row of up to 65,535 dimensions cannot overflow. Every kernel returns the same integer.</summary>
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
    public static int Dot(ReadOnlySpan<sbyte> row, Int8Query query)
    {
        if (Avx512BW.IsSupported)
        {
            return DotAvx512(row, query);
        }

        if (Avx2.IsSupported)
        {
            return DotAvx2(row, query);
        }

        return Vector128.IsHardwareAccelerated ? DotVector128(row, query) : DotScalar(row, query);
    }

    /// <summary>The dot product with a chosen kernel (tests compare them).</summary>
    /// <exception cref="PlatformNotSupportedException">This machine lacks the kernel's instructions.</exception>
    public static int Dot(ReadOnlySpan<sbyte> row, Int8Query query, Int8DotKernel kernel)
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
            _ => DotScalar(row, query),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DotAvx512(ReadOnlySpan<sbyte> row, Int8Query query)
    {
        Check(row, query);
        ref var rowRef = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(row));
        ref var queryRef = ref MemoryMarshal.GetArrayDataReference(query.Codes);
        var signBits = Vector512.Create((byte)0x80);
        var ones = Vector512.Create((short)1);
        var sum = Vector512<int>.Zero;
        var i = 0;
        for (; i <= row.Length - 64; i += 64)
        {
            var offsetCodes = Vector512.LoadUnsafe(ref rowRef, (nuint)i) ^ signBits;
            var pairs = Avx512BW.MultiplyAddAdjacent(offsetCodes, Vector512.LoadUnsafe(ref queryRef, (nuint)i));
            sum += Avx512BW.MultiplyAddAdjacent(pairs, ones);
        }

        return WithOffsetTail(row, query, i, Vector512.Sum(sum));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DotAvx2(ReadOnlySpan<sbyte> row, Int8Query query)
    {
        Check(row, query);
        ref var rowRef = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(row));
        ref var queryRef = ref MemoryMarshal.GetArrayDataReference(query.Codes);
        var signBits = Vector256.Create((byte)0x80);
        var ones = Vector256.Create((short)1);
        var sum = Vector256<int>.Zero;
        var i = 0;
        for (; i <= row.Length - 32; i += 32)
        {
            var offsetCodes = Vector256.LoadUnsafe(ref rowRef, (nuint)i) ^ signBits;
            var pairs = Avx2.MultiplyAddAdjacent(offsetCodes, Vector256.LoadUnsafe(ref queryRef, (nuint)i));
            sum += Avx2.MultiplyAddAdjacent(pairs, ones);
        }

        return WithOffsetTail(row, query, i, Vector256.Sum(sum));
    }

    private static int DotVector128(ReadOnlySpan<sbyte> row, Int8Query query)
    {
        Check(row, query);
        ref var rowRef = ref MemoryMarshal.GetReference(row);
        ref var queryRef = ref MemoryMarshal.GetArrayDataReference(query.Codes);
        var sum = Vector128<int>.Zero;
        var i = 0;
        for (; i <= row.Length - 16; i += 16)
        {
            var (rowLow, rowHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref rowRef, (nuint)i));
            var (queryLow, queryHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref queryRef, (nuint)i));
            // |127 × 64| fits a short, so the products are exact before widening.
            var (a, b) = Vector128.Widen(rowLow * queryLow);
            var (c, d) = Vector128.Widen(rowHigh * queryHigh);
            sum += a + b + c + d;
        }

        return Tail(row, query, i, Vector128.Sum(sum), out _);
    }

    private static int DotScalar(ReadOnlySpan<sbyte> row, Int8Query query)
    {
        Check(row, query);
        return Tail(row, query, 0, 0, out _);
    }

    /// <summary>Finishes a kernel that multiplied offset row codes (code + 128) up to
    /// <paramref name="start"/>: removes 128 × the query codes summed there, adds the exact tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WithOffsetTail(ReadOnlySpan<sbyte> row, Int8Query query, int start, int offsetSum)
    {
        var tail = Tail(row, query, start, 0, out var tailCodeSum);
        return offsetSum - (128 * (query.CodeSum - tailCodeSum)) + tail;
    }

    /// <summary>Adds the products from <paramref name="start"/> on to <paramref name="sum"/>, and
    /// sums the query codes it passed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Tail(ReadOnlySpan<sbyte> row, Int8Query query, int start, int sum, out int codeSum)
    {
        var codes = query.Codes;
        codeSum = 0;
        for (var i = start; i < row.Length; i++)
        {
            sum += row[i] * codes[i];
            codeSum += codes[i];
        }

        return sum;
    }

    private static void Check(ReadOnlySpan<sbyte> row, Int8Query query)
    {
        if (row.Length != query.Length)
        {
            ThrowLengths(row.Length, query.Length);
        }
    }

    private static void ThrowLengths(int row, int query) =>
        throw new ArgumentException($"A {row}-code row against a {query}-code query.", nameof(row));
}
