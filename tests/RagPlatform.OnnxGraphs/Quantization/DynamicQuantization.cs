namespace RagPlatform.OnnxGraphs.Quantization;

/// <summary>How <see cref="DynamicQuantizer"/> stores weights: the knobs of ONNX Runtime's
/// <c>quantize_dynamic</c> that change the result (weight type, per-channel, reduce range).
/// Activations are always quantized at run time by DynamicQuantizeLinear: uint8, asymmetric, one
/// scale per tensor.</summary>
/// <param name="WeightType">UInt8 (asymmetric, a zero point per scale) or Int8 (symmetric, zero point 0).</param>
/// <param name="PerChannel">One scale per output column of a MatMul weight instead of one per weight
/// (Conv and Gather weights always get one scale, as in ONNX Runtime).</param>
/// <param name="ReduceRange">7-bit MatMul weights (−64…64 or 0…127), which keep u8×s8 products from saturating
/// the 16-bit sums of the AVX2 kernels on CPUs without VNNI.</param>
public sealed record DynamicQuantization(OnnxElementType WeightType, bool PerChannel, bool ReduceRange)
{
    /// <summary>What Transformers.js's <c>scripts/convert.py</c> passed to <c>quantize_dynamic</c> for
    /// Xenova/clip-vit-base-patch32: per_channel and reduce_range on (its defaults for CLIP), QInt8
    /// weights unless the graph has a Conv (the vision tower's patch embedding), then QUInt8 (because
    /// onnxruntime-web then lacked int8 ConvInteger).</summary>
    public static DynamicQuantization TransformersJs(bool graphHasConv) =>
        new(graphHasConv ? OnnxElementType.UInt8 : OnnxElementType.Int8, PerChannel: true, ReduceRange: true);

    public static DynamicQuantization TransformersJs(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return TransformersJs(graph.Nodes.Any(node => node.OpType == "Conv"));
    }

    internal (int Min, int Max) Range => (WeightType, ReduceRange) switch
    {
        (OnnxElementType.UInt8, false) => (0, 255),
        (OnnxElementType.UInt8, true) => (0, 127),
        (OnnxElementType.Int8, false) => (-127, 127),
        (OnnxElementType.Int8, true) => (-64, 64),
        _ => throw new NotSupportedException($"Weights cannot be quantized to {WeightType}."),
    };

    internal bool Symmetric => WeightType == OnnxElementType.Int8;
}
