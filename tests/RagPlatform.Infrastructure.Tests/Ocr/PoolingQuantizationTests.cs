using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Hard-swish read by pooling kept in uint8 (<see cref="QuantizedPooling"/>): a generated
/// squeeze-and-excitation block and a last block read by an AveragePool, as the folded PP-OCRv4
/// recogniser has them, run without float hard-swish and as close to the float network as with it.</summary>
public sealed class PoolingQuantizationTests : IDisposable
{
    private const int Side = 16;

    private readonly GeneratedGraphFolder _folder = new();

    [Fact]
    public async Task Squeeze_and_excitation_after_hard_swish_runs_on_uint8_values()
    {
        var model = await _folder.WriteAsync(Build());

        var optimized = _folder.OptimizedOperators(Quantize(model, integerPooling: true));

        Assert.Contains("QLinearGlobalAveragePool", optimized);
        // Both hard-swishes in QLinearAdd and QLinearMul, and the excitation's product a QLinearMul.
        Assert.Equal(2, optimized.Count(op => op == "QLinearAdd"));
        Assert.Equal(3, optimized.Count(op => op == "QLinearMul"));
        // No float hard-swish is left (the excitation's gate, one value per channel, is fused into its convolution).
        Assert.DoesNotContain("HardSigmoid", optimized);
        Assert.Equal(2, _folder.OptimizedOperators(Quantize(model, integerPooling: false)).Count(op => op == "HardSigmoid"));
    }

    [Fact]
    public async Task Integer_pooling_gives_outputs_as_close_to_the_float_network_as_float_pooling()
    {
        var model = await _folder.WriteAsync(Build());
        var integer = Quantize(model, integerPooling: true);
        var floating = Quantize(model, integerPooling: false);

        var input = Input(9).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var integerError = MeanError(expected, GeneratedImageGraph.Run(integer, input, Side));
        var floatError = MeanError(expected, GeneratedImageGraph.Run(floating, input, Side));

        var largest = expected.Max(Math.Abs);
        TestContext.Current.SendDiagnosticMessage($"mean error: integer pooling {integerError}, float pooling {floatError}, outputs up to {largest}");
        Assert.True(largest > 0.1f, $"the outputs are all near zero ({largest})");
        Assert.True(integerError < 0.03f * largest, $"mean error {integerError} against outputs up to {largest}");
        Assert.True(integerError < 1.5f * floatError, $"mean error {integerError} with integer pooling, {floatError} with float pooling");
    }

    [Fact]
    public async Task An_average_pool_read_by_a_float_convolution_runs_as_a_uint8_depthwise_convolution_as_close_to_the_float_network()
    {
        var model = await _folder.WriteAsync(Build(convolutionReadsPool: true));
        var convolution = Quantize(model, integerPooling: true, poolConvolution: true);
        var pool = Quantize(model, integerPooling: true);

        Assert.DoesNotContain("AveragePool", _folder.OptimizedOperators(convolution));
        Assert.Contains("AveragePool", _folder.OptimizedOperators(pool));
        var input = Input(9).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var convolutionError = MeanError(expected, GeneratedImageGraph.Run(convolution, input, Side));
        var poolError = MeanError(expected, GeneratedImageGraph.Run(pool, input, Side));
        TestContext.Current.SendDiagnosticMessage($"mean error: pool as a convolution {convolutionError}, float pool {poolError}");
        Assert.True(convolutionError < 1.5f * poolError, $"mean error {convolutionError} with the pool as a convolution, {poolError} with a float pool");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A 3 × 3 convolution, hard-swish and a shift (b2) read by squeeze-and-excitation
    /// (GlobalAveragePool, two 1 × 1 convolutions with Relu, HardSigmoid, the product with the block's
    /// output), a 1 × 1 convolution, and hard-swish and a shift read by an AveragePool (1 × 1, so that "y"
    /// keeps the side the tests' runner expects) whose reader, a Relu, stays float.</summary>
    /// <param name="convolutionReadsPool">The pool is read by a convolution followed by BatchNormalization (which stays
    /// float, as the recogniser's SVTR neck's), instead of by a Relu.</param>
    private static OnnxGraph Build(bool convolutionReadsPool = false)
    {
        var random = new Random(41);
        var graph = new OnnxGraphBuilder("pooled hard-swish blocks");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 8, Side, Side);
        var first = Conv(graph, random, x, "first", 8, 4, 3);
        var shifted = graph.Node("Add", [HardSwish(graph, first, 0.23f), graph.FloatScalar(-0.37f)]);
        var squeezed = Conv(graph, random, graph.Node("GlobalAveragePool", [shifted]), "squeeze", 4, 8, 1);
        var gate = graph.Node("HardSigmoid", [Conv(graph, random, graph.Node("Relu", [squeezed]), "excite", 8, 4, 1)],
            [OnnxAttribute.Float("alpha", 0.2f), OnnxAttribute.Float("beta", 0.5f)]);
        var second = Conv(graph, random, graph.Node("Mul", [shifted, gate]), "second", 8, 8, 1);
        var last = graph.Node("Add", [HardSwish(graph, second, 0.41f), graph.FloatScalar(0.12f)]);
        var pooled = graph.Node("AveragePool", [last],
            [OnnxAttribute.Ints("kernel_shape", 1, 1), OnnxAttribute.Ints("strides", 1, 1), OnnxAttribute.Ints("pads", 0, 0, 0, 0)]);
        if (!convolutionReadsPool)
        {
            graph.Node("Relu", [pooled], output: "y");
            return graph.Build();
        }

        string Vector(string name, float value)
        {
            var tensor = OnnxTensor.Floats(name, 8);
            tensor.FloatData.Fill(value);
            return graph.Parameter(tensor);
        }

        graph.Node("BatchNormalization", [Conv(graph, random, pooled, "head", 8, 8, 3), Vector("scale", 1.1f), Vector("shift", 0.2f), Vector("mean", 0.1f), Vector("var", 0.8f)],
            [OnnxAttribute.Float("epsilon", 1e-5f)], output: "y");
        return graph.Build();
    }

    private static string HardSwish(OnnxGraphBuilder graph, string x, float alpha) =>
        graph.Node("Mul", [x, graph.Node("HardSigmoid", [x], [OnnxAttribute.Float("alpha", alpha), OnnxAttribute.Float("beta", 0.5f)])]);

    private static string Conv(OnnxGraphBuilder graph, Random random, string x, string name, int outputs, int inputs, int kernel)
    {
        var weights = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_w", outputs, inputs, kernel, kernel), random, 2 / Math.Sqrt(inputs * kernel * kernel)));
        var bias = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_b", outputs), random, 0.5));
        var pad = kernel / 2;
        return graph.Node("Conv", [x, weights, bias], [OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("pads", pad, pad, pad, pad)]);
    }

    private static byte[] Quantize(byte[] model, bool integerPooling, bool poolConvolution = false)
    {
        var ranges = ActivationCalibration.Measure(model, ConvQdqQuantization.Activations(model, pooling: true), [.. Enumerable.Range(0, 4).Select(Input)], intraOpThreads: 1);
        return ConvQdqQuantization.Apply(model, ranges, new OcrInt8Rewrite(IntegerPooling: integerPooling, PoolConvolution: poolConvolution)).Model;
    }

    private static float MeanError(float[] expected, float[] actual) => expected.Zip(actual, (a, b) => Math.Abs(a - b)).Average();

    private static (float[] Values, int[] Shape) Input(int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, 4 * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2))], [1, 4, Side, Side]);
    }
}
