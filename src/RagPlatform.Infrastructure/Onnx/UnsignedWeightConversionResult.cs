namespace RagPlatform.Infrastructure.Onnx;

/// <summary>What <see cref="UnsignedWeightConversion"/> did to a model.</summary>
/// <param name="Converted">MatMulInteger nodes whose weight and weight zero point are now int8.</param>
/// <param name="LeftUnsigned">MatMulInteger nodes with a uint8 weight left as they were (the
/// weight does not fit 7 bits, is shared, is not in raw_data, or the model has subgraphs).</param>
internal sealed record UnsignedWeightConversionResult(int Converted, int LeftUnsigned, TimeSpan Elapsed)
{
    public bool Changed => Converted > 0;
}
