using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Static int8 quantisation of convolutions (Ocr:Precision=Int8): QDQ pairs where ONNX
/// Runtime turns them into QLinearConv, outputs close to the float graph's, on generated graphs and
/// on the real PP-OCRv4 networks.</summary>
public sealed class ConvQuantizationTests : IDisposable
{
    private const int Side = 16;

    private readonly GeneratedGraphFolder _folder = new();

    [Fact]
    public async Task Convolutions_get_int8_weights_between_quantize_dequantize_pairs_and_run_as_QLinearConv()
    {
        var model = await WriteAsync(BuildConvolutions());
        var ranges = ActivationCalibration.Measure(model, ConvQdqQuantization.Activations(model), [.. Enumerable.Range(0, 4).Select(Input)], intraOpThreads: 1);

        // Hard-swish left float here: HardSwishQuantizationTests has it in uint8.
        var (quantized, convs) = ConvQdqQuantization.Apply(model, ranges, new OcrInt8Rewrite(IntegerHardSwish: false));

        Assert.Equal(2, convs);
        var nodes = OnnxProtoReader.Read(quantized).Nodes;
        // x, the first convolution's output, hard-swish's output (the second's input) and y.
        Assert.Equal(4, nodes.Count(node => node.OpType == "QuantizeLinear"));
        // Those four, and each convolution's weights and bias.
        Assert.Equal(8, nodes.Count(node => node.OpType == "DequantizeLinear"));
        Assert.All(nodes.Where(node => node.OpType.EndsWith("Linear", StringComparison.Ordinal)), node => Assert.Equal("com.microsoft", node.Domain));
        Assert.Contains("QLinearConv", _folder.OptimizedOperators(quantized));
        Assert.DoesNotContain("Conv", _folder.OptimizedOperators(quantized));
    }

    [Fact]
    public async Task Quantized_convolutions_give_outputs_close_to_the_float_ones()
    {
        var model = await WriteAsync(BuildConvolutions());
        var ranges = ActivationCalibration.Measure(model, ConvQdqQuantization.Activations(model), [.. Enumerable.Range(0, 4).Select(Input)], intraOpThreads: 1);
        var (quantized, _) = ConvQdqQuantization.Apply(model, ranges);

        var input = Input(9);
        var expected = Run(model, input.Values);
        var actual = Run(quantized, input.Values);

        var largest = expected.Max(Math.Abs);
        var meanError = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(largest > 0.1f, $"the outputs are all near zero ({largest})");
        Assert.True(meanError < 0.02f * largest, $"mean error {meanError} against outputs up to {largest}");
        Assert.NotEqual(expected, actual);
    }

    [Fact]
    public async Task A_graph_without_constant_weight_convolutions_is_returned_as_given()
    {
        var graph = new OnnxGraphBuilder("no convolution");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        var w = graph.Input("w", OnnxElementType.Float, 4, 4, 1, 1);
        graph.Output("y", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Node("Conv", [graph.Node("Relu", [x]), w], output: "y");
        var model = await WriteAsync(graph.Build());

        var (quantized, convs) = ConvQdqQuantization.Apply(model, new Dictionary<string, ActivationRange>(StringComparer.Ordinal) { ["x"] = new(-1, 1) });

        Assert.Equal(0, convs);
        Assert.Same(model, quantized);
        Assert.Empty(ConvQdqQuantization.Activations(model));
    }

    [Fact]
    public async Task The_real_networks_read_the_screenshot_sample_in_int8_about_as_well_as_in_float()
    {
        using var fp32 = OcrModels.CreateRecognizer(new OcrOptions { IntraOpThreads = 1 });
        using var int8 = OcrModels.CreateRecognizer(new OcrOptions { IntraOpThreads = 1, Precision = OcrPrecision.Int8 });
        var sample = OcrSamples.Screenshot();
        var image = new EncodedImage(sample.Encode(), "image/png", sample.Width, sample.Height);

        var expected = OcrScore.MatchedCharacterErrorRate(sample, await fp32.RecognizeAsync(image, TestContext.Current.CancellationToken));
        var actual = OcrScore.MatchedCharacterErrorRate(sample, await int8.RecognizeAsync(image, TestContext.Current.CancellationToken));

        TestContext.Current.SendDiagnosticMessage($"character error rate: float {expected:P2}, int8 {actual:P2}");
        Assert.True(actual <= expected + 0.01, $"int8 character error rate {actual:P2} against {expected:P2} in float");
    }

    [Fact]
    public void The_real_networks_have_most_of_their_convolutions_quantized()
    {
        using var model = PaddleOcrModel.Load(new OcrModelFolder(OcrModels.Directory), withAngleClassifier: false, intraOpThreads: 1, precision: OcrPrecision.Int8);

        // The detector's and the recogniser's PP-LCNetV3 backbones and the detector's neck, but for
        // the squeeze-and-excitation convolutions and those before BatchNormalization.
        Assert.True(model.Detector.QuantizedConvs >= 35, $"{model.Detector.QuantizedConvs} detector convolutions quantised");
        Assert.True(model.Recognizer.QuantizedConvs >= 25, $"{model.Recognizer.QuantizedConvs} recogniser convolutions quantised");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A padded 3 × 3 convolution, hard-swish as the folded blocks write it (x · HardSigmoid(x)),
    /// and a 1 × 1 convolution.</summary>
    private static OnnxGraph BuildConvolutions()
    {
        var random = new Random(21);
        var graph = new OnnxGraphBuilder("convolutions");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 6, Side, Side);
        var first = graph.Node("Conv", [x, Weights(graph, random, "first", 8, 4, 3), Bias(graph, random, "first", 8)],
            [OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1)]);
        var gate = graph.Node("HardSigmoid", [first], [OnnxAttribute.Float("alpha", 1f / 6), OnnxAttribute.Float("beta", 0.5f)]);
        var swish = graph.Node("Mul", [first, gate]);
        graph.Node("Conv", [swish, Weights(graph, random, "second", 6, 8, 1), Bias(graph, random, "second", 6)], [OnnxAttribute.Ints("kernel_shape", 1, 1)], output: "y");
        return graph.Build();
    }

    private static string Weights(OnnxGraphBuilder graph, Random random, string name, int outputs, int inputs, int kernel) =>
        graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_w", outputs, inputs, kernel, kernel), random, 2 / Math.Sqrt(inputs * kernel * kernel)));

    private static string Bias(OnnxGraphBuilder graph, Random random, string name, int outputs) =>
        graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_b", outputs), random, 0.3));

    private static (float[] Values, int[] Shape) Input(int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, 4 * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2))], [1, 4, Side, Side]);
    }

    private static float[] Run(byte[] model, float[] input) => GeneratedImageGraph.Run(model, input, Side);

    private Task<byte[]> WriteAsync(OnnxGraph graph) => _folder.WriteAsync(graph);
}
