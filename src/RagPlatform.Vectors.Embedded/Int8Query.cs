namespace RagPlatform.Vectors.Embedded;

/// <summary>A query's int8 codes in the form <see cref="Int8Dot"/> reads them: within
/// ±<see cref="MaxCode"/> (half the rows' range) so that an unsigned × signed byte multiply-add
/// (<c>vpmaddubsw</c>) of a pair of products cannot saturate, and with the sum of the codes, which
/// turns that multiply-add's offset row codes back into the signed dot product.</summary>
internal sealed class Int8Query
{
    /// <summary>The largest query code: 2 × 255 × 64 = 32,640 still fits a signed 16-bit lane.</summary>
    public const int MaxCode = 64;

    public Int8Query(sbyte[] codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var sum = 0;
        foreach (var code in codes)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs((int)code), MaxCode, nameof(codes));
            sum += code;
        }

        Codes = codes;
        CodeSum = sum;
    }

    public sbyte[] Codes { get; }

    /// <summary>Σ codes over every dimension.</summary>
    public int CodeSum { get; }

    public int Length => Codes.Length;
}
