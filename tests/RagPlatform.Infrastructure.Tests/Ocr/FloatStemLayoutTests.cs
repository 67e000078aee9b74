using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The int8 detector's float stem blocks (<c>x · HardSigmoid(x) + b2</c> before a padded depthwise
/// convolution) rewritten for ONNX Runtime's NCHWc layout (<see cref="FloatHardSwishLayout"/>): the gate from
/// a copy of the convolution, the shift as a BatchNormalization; the same outputs.</summary>
public sealed class FloatStemLayoutTests : IDisposable
{
    private const int Side = 16;

    private readonly GeneratedGraphFolder _folder = new();

    [Fact]
    public async Task The_float_blocks_shift_becomes_a_normalization_with_the_same_outputs()
    {
        var model = await _folder.WriteAsync(BuildStem());
        var rewrite = new OcrInt8Rewrite(LeadingFloatConvs: 2);

        var (before, convs) = OcrInt8Quantizer.Quantize(model, Inputs(), intraOpThreads: 1, rewrite);
        var (after, _) = OcrInt8Quantizer.Quantize(model, Inputs(), intraOpThreads: 1, rewrite with { FloatStemLayout = true });

        Assert.Equal(1, convs);
        var nodes = OnnxProtoReader.Read(after).Nodes;
        Assert.Single(nodes, node => node.OpType == "BatchNormalization");
        Assert.Equal(2, nodes.Count(node => node.OpType == "Conv" && node.Inputs[0] == "x"));
        var input = Input(7).Values;
        var expected = GeneratedImageGraph.Run(before, input, Side);
        var actual = GeneratedImageGraph.Run(after, input, Side);
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-4f));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A folded block as the detector's stem has it: a 1 × 1 convolution, hard-swish, the shift b2,
    /// a padded 3 × 3 depthwise convolution (both float, the leading ones), then a quantised 1 × 1 convolution.</summary>
    private static OnnxGraph BuildStem()
    {
        var random = new Random(43);
        var graph = new OnnxGraphBuilder("stem");
        var input = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 4, Side, Side);
        var x = graph.Node("Conv", [input, Weights(graph, random, "pointwise", 8, 4, 1), Bias(graph, random, "pointwise", 8)]);
        var gate = graph.Node("HardSigmoid", [x], [OnnxAttribute.Float("alpha", 1 / 6f), OnnxAttribute.Float("beta", 0.5f)]);
        var shifted = graph.Node("Add", [graph.Node("Mul", [x, gate]), graph.FloatScalar(-0.37f)]);
        var depthwise = graph.Node("Conv", [shifted, Weights(graph, random, "depthwise", 8, 1, 3), Bias(graph, random, "depthwise", 8)],
            [OnnxAttribute.Int("group", 8), OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1)]);
        graph.Node("Conv", [depthwise, Weights(graph, random, "last", 4, 8, 1), Bias(graph, random, "last", 4)], output: "y");
        return graph.Build();
    }

    private static string Weights(OnnxGraphBuilder graph, Random random, string name, int outputs, int inputs, int kernel) =>
        graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_w", outputs, inputs, kernel, kernel), random, 2 / Math.Sqrt(inputs * kernel * kernel)));

    private static string Bias(OnnxGraphBuilder graph, Random random, string name, int outputs) =>
        graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_b", outputs), random, 0.3));

    private static List<(float[] Values, int[] Shape)> Inputs() => [.. Enumerable.Range(0, 4).Select(Input)];

    private static (float[] Values, int[] Shape) Input(int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, 4 * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2))], [1, 4, Side, Side]);
    }
}
