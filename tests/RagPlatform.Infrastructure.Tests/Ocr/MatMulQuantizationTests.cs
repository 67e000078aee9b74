using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>MatMuls with constant weights quantised with the convolutions (<see cref="MatMulQdqQuantization"/>):
/// ONNX Runtime runs them as MatMulIntegerToFloat, with outputs close to the float graph's, on a generated
/// convolution followed by a projection with a bias, as the recogniser's neck and CTC head are.</summary>
public sealed class MatMulQuantizationTests : IDisposable
{
    private const int Side = 16;
    private const int Features = 24;

    private readonly GeneratedGraphFolder _folder = new();

    [Fact]
    public async Task Matmuls_with_constant_weights_run_as_MatMulIntegerToFloat_with_their_bias()
    {
        var model = await _folder.WriteAsync(BuildProjection());

        var quantized = Quantize(model, integerMatMuls: true);

        var optimized = _folder.OptimizedOperators(quantized);
        Assert.Equal(2, optimized.Count(op => op == "MatMulIntegerToFloat"));
        Assert.DoesNotContain("MatMul", optimized);
        Assert.DoesNotContain("Gemm", optimized);
        // The first projection's bias is MatMulIntegerToFloat's last input.
        Assert.DoesNotContain("Add", optimized);
        Assert.Contains("MatMulIntegerToFloat", _folder.ProfiledOperators(quantized, Input(9).Values, Side));
        Assert.Contains("MatMul", _folder.OptimizedOperators(Quantize(model, integerMatMuls: false)));
    }

    [Fact]
    public async Task A_quantized_matmul_gives_outputs_close_to_the_float_ones()
    {
        var model = await _folder.WriteAsync(BuildProjection());
        var integer = Quantize(model, integerMatMuls: true);
        var floating = Quantize(model, integerMatMuls: false);

        var input = Input(9).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var integerError = MeanError(expected, GeneratedImageGraph.Run(integer, input, Side));
        var floatError = MeanError(expected, GeneratedImageGraph.Run(floating, input, Side));

        var largest = expected.Max(Math.Abs);
        TestContext.Current.SendDiagnosticMessage($"mean error: int8 matmul {integerError}, float matmul {floatError}, outputs up to {largest}");
        Assert.True(largest > 0.1f, $"the outputs are all near zero ({largest})");
        Assert.True(integerError < 0.02f * largest, $"mean error {integerError} against outputs up to {largest}");
        Assert.True(integerError < 2 * floatError, $"mean error {integerError} with an int8 matmul, {floatError} with a float one");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A padded 3 × 3 convolution, then a projection of each row's last axis (<c>MatMul</c> by
    /// [16, 24] weights, <c>Add</c> of a bias; its input is the convolution's uint8 output) and a second one
    /// without a bias (<c>MatMul</c> by [24, 24] weights; its input is quantised for it).</summary>
    private static OnnxGraph BuildProjection()
    {
        var random = new Random(41);
        var graph = new OnnxGraphBuilder("projection");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 4, Side, Features);
        var weights = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("conv_w", 4, 4, 3, 3), random, 2 / Math.Sqrt(36)));
        var bias = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("conv_b", 4), random, 0.3));
        var conv = graph.Node("Conv", [x, weights, bias], [OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1)]);
        var projection = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("linear_w", Side, Features), random, 1 / Math.Sqrt(Side)));
        var shift = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("linear_b", Features), random, 0.3));
        var projected = graph.Node("Add", [graph.Node("MatMul", [conv, projection]), shift]);
        var mixing = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("mixing_w", Features, Features), random, 1 / Math.Sqrt(Features)));
        graph.Node("MatMul", [projected, mixing], output: "y");
        return graph.Build();
    }

    private static byte[] Quantize(byte[] model, bool integerMatMuls)
    {
        var ranges = ActivationCalibration.Measure(model, ConvQdqQuantization.Activations(model), [.. Enumerable.Range(0, 4).Select(Input)], intraOpThreads: 1);
        var (quantized, convs) = ConvQdqQuantization.Apply(model, ranges, new OcrInt8Rewrite(IntegerMatMuls: integerMatMuls));
        Assert.Equal(1, convs);
        return quantized;
    }

    private static float MeanError(float[] expected, float[] actual) => expected.Zip(actual, (a, b) => Math.Abs(a - b)).Average();

    private static (float[] Values, int[] Shape) Input(int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, 4 * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2))], [1, 4, Side, Side]);
    }
}
