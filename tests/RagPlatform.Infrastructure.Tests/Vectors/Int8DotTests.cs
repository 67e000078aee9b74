using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>Every int8 kernel this machine runs returns the scalar kernel's integer, at lengths
/// that leave tails after each vector width and at the extreme codes (row ±127, query ±64, where an
/// unsigned × signed byte multiply-add would saturate if the bounds were wrong).</summary>
public sealed class Int8DotTests
{
    public static TheoryData<int> Lengths => [1, 7, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 127, 128, 129, 512, 515, 768];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Every_supported_kernel_gives_the_scalar_dot(int length)
    {
        var random = new Random(length);
        var row = new sbyte[length];
        var query = new sbyte[length];
        for (var i = 0; i < length; i++)
        {
            row[i] = (sbyte)random.Next(-127, 128);
            query[i] = (sbyte)random.Next(-Int8Query.MaxCode, Int8Query.MaxCode + 1);
        }

        AssertKernelsAgree(row, new Int8Query(query));
    }

    [Fact]
    public void Kernels_agree_at_the_extreme_codes()
    {
        var row = Enumerable.Range(0, 515).Select(i => (sbyte)(i % 2 == 0 ? 127 : -127)).ToArray();
        var same = new Int8Query(row.Select(code => (sbyte)(code > 0 ? 64 : -64)).ToArray());
        var opposite = new Int8Query(row.Select(code => (sbyte)(code > 0 ? -64 : 64)).ToArray());

        Assert.Equal(515 * 127 * 64, Int8Dot.Dot(row, same, Int8DotKernel.Scalar));
        AssertKernelsAgree(row, same);
        AssertKernelsAgree(row, opposite);
        // Both codes of every pair at the top: the largest 16-bit pair sums an x86 kernel forms.
        var top = Enumerable.Repeat((sbyte)127, 515).ToArray();
        AssertKernelsAgree(top, new Int8Query(Enumerable.Repeat((sbyte)64, 515).ToArray()));
        AssertKernelsAgree(top, new Int8Query(Enumerable.Repeat((sbyte)-64, 515).ToArray()));
        Assert.Equal(-515 * 127 * 64, Int8Dot.Dot(top, new Int8Query(Enumerable.Repeat((sbyte)-64, 515).ToArray())));
    }

    [Fact]
    public void The_default_dot_uses_the_best_kernel_this_machine_runs()
    {
        Assert.True(Int8Dot.IsSupported(Int8Dot.Best));
        var row = new sbyte[] { 1, -2, 3, -4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18 };
        var query = new Int8Query(row.Select(code => (sbyte)(code * 2)).ToArray());

        Assert.Equal(Int8Dot.Dot(row, query, Int8DotKernel.Scalar), Int8Dot.Dot(row, query));
    }

    [Fact]
    public void Quantized_components_lie_within_half_a_step_of_the_vector()
    {
        var vector = new RandomVectors(seed: 3, dimensions: 512).Next();
        var codes = new sbyte[vector.Length];

        var scale = Int8Quantizer.Quantize(vector, codes);

        Assert.Equal(vector.Max(MathF.Abs) / 127, scale, 1e-7f);
        Assert.Contains(codes, code => Math.Abs((int)code) == 127);
        for (var i = 0; i < vector.Length; i++)
        {
            Assert.InRange(vector[i] - (codes[i] * scale), -scale / 2 * 1.0001f, scale / 2 * 1.0001f);
        }
    }

    [Fact]
    public void A_zero_vector_has_zero_codes_and_scale()
    {
        var codes = new sbyte[] { 1, 2, 3 };

        Assert.Equal(0, Int8Quantizer.Quantize(new float[3], codes));
        Assert.All(codes, code => Assert.Equal(0, code));
    }

    [Fact]
    public void Query_codes_lie_within_the_narrower_query_range_and_keep_their_signs()
    {
        var vector = new RandomVectors(seed: 5, dimensions: 512).Next();

        var query = Int8Quantizer.QuantizeQuery(vector);

        Assert.Contains(query.Codes, code => Math.Abs((int)code) == Int8Query.MaxCode);
        Assert.All(query.Codes, code => Assert.InRange((int)code, -Int8Query.MaxCode, Int8Query.MaxCode));
        Assert.Equal(query.Codes.Sum(code => (int)code), query.CodeSum);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Int8Query([65]));
    }

    private static void AssertKernelsAgree(sbyte[] row, Int8Query query)
    {
        var expected = Int8Dot.Dot(row, query, Int8DotKernel.Scalar);
        var checkedKernels = 0;
        foreach (var kernel in Enum.GetValues<Int8DotKernel>().Where(Int8Dot.IsSupported))
        {
            Assert.Equal(expected, Int8Dot.Dot(row, query, kernel));
            checkedKernels++;
        }

        Assert.True(checkedKernels >= 1);
    }
}
