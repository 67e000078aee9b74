using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Onnx;

/// <summary>A small float graph shaped like a CLIP vision tower: a patch Conv, a residual MLP over the
/// patch tokens, mean pooling and a projection; three MatMuls with constant weights. Quantized as
/// Transformers.js did the public export, the Conv makes every weight uint8.</summary>
internal static class VisionShapedGraph
{
    public const int Channels = 3;
    public const int Side = 16;
    public const int Width = 32;
    public const int Embedding = 16;
    public const string Input = "pixels";
    public const string Output = "embeds";

    /// <summary>The MatMul weights, in node order (their quantized copies add "_quantized").</summary>
    public static readonly string[] MatMulWeights = ["w1", "w2", "projection"];

    public static OnnxGraph Build()
    {
        var random = new Random(17);
        var graph = new OnnxGraphBuilder("vision_shaped");
        var batch = OnnxDimension.Named("batch");
        var pixels = graph.Input(Input, OnnxElementType.Float, batch, Channels, Side, Side);
        graph.Output(Output, OnnxElementType.Float, batch, Embedding);
        var patch = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("patch", Width, Channels, 4, 4), random, 1 / Math.Sqrt(48)));
        var w1 = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("w1", Width, 2 * Width), random, 1 / Math.Sqrt(Width)));
        var b1 = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("b1", 2 * Width), random, 0.1));
        var w2 = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("w2", 2 * Width, Width), random, 1 / Math.Sqrt(2 * Width)));
        var projection = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("projection", Width, Embedding), random, 1 / Math.Sqrt(Width)));

        // [batch, 32, 4, 4] → [batch, 16 patches, 32]
        var patches = graph.Node("Conv", [pixels, patch], [OnnxAttribute.Ints("kernel_shape", 4, 4), OnnxAttribute.Ints("strides", 4, 4)]);
        var tokens = graph.Node("Transpose", [graph.Node("Reshape", [patches, graph.Int64Vector(0, Width, -1)])], [OnnxAttribute.Ints("perm", 0, 2, 1)]);
        var hidden = graph.Node("Add", [graph.Node("MatMul", [tokens, w1]), b1]);
        var activated = graph.Node("Mul", [hidden, graph.Node("Sigmoid", [hidden])]);
        var mixed = graph.Node("Add", [tokens, graph.Node("MatMul", [activated, w2])]);
        var pooled = graph.Node("ReduceMean", [mixed], [OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0)]);
        graph.Node("MatMul", [pooled, projection], output: Output);
        return graph.Build();
    }

    /// <summary>Seeded pixels in roughly the range CLIP's normalisation produces.</summary>
    public static float[] Pixels(int batch, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, batch * Channels * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2))];
    }
}
