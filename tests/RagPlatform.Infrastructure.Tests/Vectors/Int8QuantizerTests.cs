using System.Numerics.Tensors;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

public sealed class Int8QuantizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(512)]
    [InlineData(1000)]
    public void Codes_equal_the_scale_round_and_convert_passes_they_replace(int dimensions)
    {
        var vectors = new RandomVectors(seed: dimensions, dimensions: dimensions);
        for (var n = 0; n < 50; n++)
        {
            var vector = vectors.Next();
            var codes = new sbyte[dimensions];

            var scale = Int8Quantizer.Quantize(vector, codes);

            var (expectedCodes, expectedScale) = Reference(vector, Int8Quantizer.MaxCode);
            Assert.Equal(expectedScale, scale);
            Assert.Equal(expectedCodes, codes);
        }
    }

    [Fact]
    public void Halfway_products_round_to_the_even_code()
    {
        // max |x| = 127 makes the factor exactly 1, so each product is the component itself.
        var vector = new float[64];
        vector[0] = 127;
        for (var i = 1; i < vector.Length; i++)
        {
            vector[i] = (i % 8) - 4 + 0.5f; // -3.5, -2.5, … , 3.5
        }

        var codes = new sbyte[vector.Length];
        Int8Quantizer.Quantize(vector, codes);

        for (var i = 1; i < vector.Length; i++)
        {
            Assert.Equal((sbyte)MathF.Round(vector[i], MidpointRounding.ToEven), codes[i]);
        }

        Assert.Equal(Reference(vector, Int8Quantizer.MaxCode).Codes, codes);
    }

    [Fact]
    public void Query_codes_equal_the_passes_they_replace()
    {
        var vector = new RandomVectors(seed: 11, dimensions: 512).Next();

        Assert.Equal(Reference(vector, Int8Query.MaxCode).Codes, Int8Quantizer.QuantizeQuery(vector).Codes);
    }

    /// <summary>The quantisation as it was written before the one-pass kernel.</summary>
    private static (sbyte[] Codes, float Scale) Reference(float[] vector, float maxCode)
    {
        var magnitude = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        var codes = new sbyte[vector.Length];
        var scaled = new float[vector.Length];
        TensorPrimitives.Multiply(vector, maxCode / magnitude, scaled);
        TensorPrimitives.Round(scaled, scaled);
        TensorPrimitives.ConvertSaturating<float, sbyte>(scaled, codes);
        return (codes, magnitude / maxCode);
    }
}
