using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The DB head's two 2 × 2, stride-2 ConvTranspose layers written as 1 × 1 convolutions and a
/// DepthToSpace (<see cref="TransposedHeadFolding"/>), on a generated graph shaped like the PP-OCRv4
/// detector's head (with several output channels, so that the channel order of the blocks is checked too).</summary>
public sealed class HeadBlockFoldingTests : IDisposable
{
    private const int Side = 16;

    private readonly GeneratedGraphFolder _folder = new();

    [Fact]
    public async Task The_transposed_convolutions_become_block_convolutions_with_the_same_outputs()
    {
        var model = await _folder.WriteAsync(BuildHead());

        // All convolutions kept float: the rewritten graph itself.
        var (folded, _) = OcrInt8Quantizer.Quantize(model, Inputs(), intraOpThreads: 1, new OcrInt8Rewrite(LeadingFloatConvs: 10, FoldNormalization: true, HeadBlocks: true));

        var nodes = OnnxProtoReader.Read(folded).Nodes;
        Assert.DoesNotContain(nodes, node => node.OpType == "ConvTranspose");
        Assert.Single(nodes, node => node.OpType == "DepthToSpace");
        Assert.Equal(3, nodes.Count(node => node.OpType == "Conv"));
        var input = Input(7).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var actual = GeneratedImageGraph.Run(folded, input, Side);
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-4f));
    }

    [Fact]
    public async Task The_block_convolutions_are_quantized_and_stay_close_to_float()
    {
        var model = await _folder.WriteAsync(BuildHead());

        var (quantized, convs) = OcrInt8Quantizer.Quantize(model, Inputs(), intraOpThreads: 1, new OcrInt8Rewrite(FoldNormalization: true, HeadBlocks: true));

        Assert.Equal(3, convs);
        var operators = _folder.OptimizedOperators(quantized);
        Assert.Contains("QLinearConv", operators);
        Assert.DoesNotContain("ConvTranspose", operators);
        var input = Input(9).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var actual = GeneratedImageGraph.Run(quantized, input, Side);
        var largest = expected.Max(Math.Abs);
        var meanError = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(largest > 0.1f, $"the outputs are all near zero ({largest})");
        Assert.True(meanError < 0.03f * largest, $"mean error {meanError} against outputs up to {largest}");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A padded 3 × 3 convolution and Relu; a 2 × 2 ConvTranspose of stride 2 with its bias as an
    /// Add, BatchNormalization, Relu; a second one with a bias input (to four channels, at four times the
    /// input's size); pooled back to the input's size (the tests' runner reads an output of the input's shape).</summary>
    private static OnnxGraph BuildHead()
    {
        var random = new Random(37);
        var graph = new OnnxGraphBuilder("head blocks");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 4, Side, Side);
        var conv = graph.Node("Relu", [graph.Node("Conv", [x, Weights(graph, random, "conv", 8, 4, 3)], [OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1)])]);
        var up = graph.Node("ConvTranspose", [conv, Weights(graph, random, "up", 8, 6, 2)], [OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2)]);
        var biased = graph.Node("Add", [up, graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("up_b", 1, 6, 1, 1), random, 0.3))]);
        var relu = graph.Node("Relu", [Normalization(graph, random, "bn", biased, 6)]);
        var last = graph.Node("ConvTranspose", [relu, Weights(graph, random, "last", 6, 4, 2), Bias(graph, random, "last", 4)],
            [OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2)]);
        graph.Node("AveragePool", [last], [OnnxAttribute.Ints("kernel_shape", 4, 4), OnnxAttribute.Ints("strides", 4, 4)], output: "y");
        return graph.Build();
    }

    private static string Normalization(OnnxGraphBuilder graph, Random random, string name, string input, int channels)
    {
        string Vector(string part, double spread, float offset)
        {
            var tensor = RandomWeights.Filled(OnnxTensor.Floats($"{name}_{part}", channels), random, spread);
            var values = tensor.FloatData;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] += offset;
            }

            return graph.Parameter(tensor);
        }

        return graph.Node("BatchNormalization", [input, Vector("scale", 0.3, 1), Vector("shift", 0.3, 0), Vector("mean", 0.3, 0), Vector("var", 0.2, 0.5f)],
            [OnnxAttribute.Float("epsilon", 1e-5f)]);
    }

    private static string Weights(OnnxGraphBuilder graph, Random random, string name, int first, int second, int kernel) =>
        graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_w", first, second, kernel, kernel), random, 2 / Math.Sqrt(first * kernel * kernel)));

    private static string Bias(OnnxGraphBuilder graph, Random random, string name, int outputs) =>
        graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_b", outputs), random, 0.3));

    private static List<(float[] Values, int[] Shape)> Inputs() => [.. Enumerable.Range(0, 4).Select(Input)];

    private static (float[] Values, int[] Shape) Input(int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, 4 * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2))], [1, 4, Side, Side]);
    }
}
