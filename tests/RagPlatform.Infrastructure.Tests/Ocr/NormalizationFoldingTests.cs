using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The int8 detector's pre-pass (<c>foldNormalization</c>): BatchNormalization and bias Adds
/// folded into their Conv and ConvTranspose (<see cref="BatchNormFolding"/>), squeeze-and-excitation
/// sums <c>x + x · g</c> written <c>x · (g + 1)</c> (<see cref="ResidualGateFolding"/>), on generated
/// graphs shaped like the PP-OCRv4 detector's head and neck.</summary>
public sealed class NormalizationFoldingTests : IDisposable
{
    private const int Side = 16;

    private readonly GeneratedGraphFolder _folder = new();

    [Fact]
    public async Task Batch_normalization_goes_into_the_convolutions_and_the_float_graph_gives_the_same_outputs()
    {
        var model = await _folder.WriteAsync(BuildHead());

        // All convolutions kept float: the folded graph itself.
        var (folded, convs) = OcrInt8Quantizer.Quantize(model, Inputs(), intraOpThreads: 1, new OcrInt8Rewrite(LeadingFloatConvs: 10, FoldNormalization: true));

        Assert.Equal(0, convs);
        var nodes = OnnxProtoReader.Read(folded).Nodes;
        Assert.DoesNotContain(nodes, node => node.OpType == "BatchNormalization");
        Assert.Equal(2, nodes.Count(node => node.OpType is "Conv" or "ConvTranspose"));
        Assert.DoesNotContain(nodes, node => node.OpType == "Add");
        var input = Input(7).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var actual = GeneratedImageGraph.Run(folded, input, Side);
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-4f));
    }

    [Fact]
    public async Task A_convolution_before_batch_normalization_is_quantized_once_folded_and_stays_close_to_float()
    {
        var model = await _folder.WriteAsync(BuildHead());

        var (unfolded, before) = OcrInt8Quantizer.Quantize(model, Inputs(), intraOpThreads: 1, new OcrInt8Rewrite());
        var (quantized, after) = OcrInt8Quantizer.Quantize(model, Inputs(), intraOpThreads: 1, new OcrInt8Rewrite(FoldNormalization: true));

        // Before, ONNX Runtime's own Conv + BatchNormalization fusion kept it float.
        Assert.Equal(0, before);
        Assert.Same(model, unfolded);
        Assert.Equal(1, after);
        Assert.Contains("QLinearConv", _folder.OptimizedOperators(quantized));
        var input = Input(9).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var actual = GeneratedImageGraph.Run(quantized, input, Side);
        var largest = expected.Max(Math.Abs);
        var meanError = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(largest > 0.1f, $"the outputs are all near zero ({largest})");
        Assert.True(meanError < 0.02f * largest, $"mean error {meanError} against outputs up to {largest}");
    }

    [Fact]
    public async Task A_squeeze_and_excitation_sum_becomes_one_product_with_the_same_outputs()
    {
        var model = await _folder.WriteAsync(BuildResidualGate());

        var (folded, _) = OcrInt8Quantizer.Quantize(model, Inputs(), intraOpThreads: 1, new OcrInt8Rewrite(LeadingFloatConvs: 10, FoldNormalization: true));

        var nodes = OnnxProtoReader.Read(folded).Nodes;
        // The only Add left is g + 1, on one value per channel.
        Assert.Single(nodes, node => node.OpType == "Add");
        Assert.Single(nodes, node => node.OpType == "Mul");
        var input = Input(5).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var actual = GeneratedImageGraph.Run(folded, input, Side);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-4f));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The DB head's shape: a padded 3 × 3 convolution without bias, BatchNormalization, Relu; a
    /// 2 × 2 ConvTranspose of stride 2 and its bias as an Add, BatchNormalization; then pooled back to the
    /// input's size (the tests' runner reads an output of the input's shape).</summary>
    private static OnnxGraph BuildHead()
    {
        var random = new Random(31);
        var graph = new OnnxGraphBuilder("head");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 4, Side, Side);
        var conv = graph.Node("Conv", [x, Weights(graph, random, "conv", 8, 4, 3)], [OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1)]);
        var relu = graph.Node("Relu", [Normalization(graph, random, "bn0", conv, 8)]);
        var up = graph.Node("ConvTranspose", [relu, Weights(graph, random, "up", 8, 4, 2)], [OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2)]);
        var biased = graph.Node("Add", [up, graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("up_b", 1, 4, 1, 1), random, 0.3))]);
        var normalized = Normalization(graph, random, "bn1", biased, 4);
        graph.Node("AveragePool", [normalized], [OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2)], output: "y");
        return graph.Build();
    }

    /// <summary>The RSE-FPN neck's block: a 1 × 1 convolution, its squeeze-and-excitation gate g (pool,
    /// convolution, Relu, convolution, HardSigmoid), and <c>x + x · g</c>.</summary>
    private static OnnxGraph BuildResidualGate()
    {
        var random = new Random(41);
        var graph = new OnnxGraphBuilder("residual gate");
        var input = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 4, Side, Side);
        var x = graph.Node("Conv", [input, Weights(graph, random, "in", 4, 4, 1), Bias(graph, random, "in", 4)]);
        var pooled = graph.Node("GlobalAveragePool", [x]);
        var squeezed = graph.Node("Relu", [graph.Node("Conv", [pooled, Weights(graph, random, "squeeze", 2, 4, 1), Bias(graph, random, "squeeze", 2)])]);
        var excited = graph.Node("Conv", [squeezed, Weights(graph, random, "excite", 4, 2, 1), Bias(graph, random, "excite", 4)]);
        var gate = graph.Node("HardSigmoid", [excited], [OnnxAttribute.Float("alpha", 0.2f), OnnxAttribute.Float("beta", 0.5f)]);
        graph.Node("Add", [x, graph.Node("Mul", [x, gate])], output: "y");
        return graph.Build();
    }

    private static string Normalization(OnnxGraphBuilder graph, Random random, string name, string input, int channels)
    {
        string Vector(string part, double spread, float offset) =>
            graph.Parameter(Shifted(RandomWeights.Filled(OnnxTensor.Floats($"{name}_{part}", channels), random, spread), offset));

        // Positive variances, scales around 1: a trained layer's.
        return graph.Node("BatchNormalization", [input, Vector("scale", 0.3, 1), Vector("shift", 0.3, 0), Vector("mean", 0.3, 0), Vector("var", 0.2, 0.5f)],
            [OnnxAttribute.Float("epsilon", 1e-5f)]);
    }

    private static OnnxTensor Shifted(OnnxTensor tensor, float offset)
    {
        var values = tensor.FloatData;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += offset;
        }

        return tensor;
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
