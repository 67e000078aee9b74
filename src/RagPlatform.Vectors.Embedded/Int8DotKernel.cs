namespace RagPlatform.Vectors.Embedded;

/// <summary>The instruction sets <see cref="Int8Dot"/> can compute a dot product of int8 codes
/// with. Every kernel returns the same integer; they differ only in speed.</summary>
internal enum Int8DotKernel
{
    /// <summary>One multiply-add per element; runs everywhere.</summary>
    Scalar,

    /// <summary>Portable 128-bit vectors (SSE2, NEON): widen to 16 and 32 bits, multiply, add.</summary>
    Vector128,

    /// <summary>AVX2: sign-extend 16 codes to shorts, <c>vpmaddwd</c> into 8 ints.</summary>
    Avx2,

    /// <summary>AVX-512BW: sign-extend 32 codes to shorts, <c>vpmaddwd</c> into 16 ints.</summary>
    Avx512,
}
