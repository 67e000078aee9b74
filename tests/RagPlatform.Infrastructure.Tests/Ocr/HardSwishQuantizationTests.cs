using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Hard-swish between int8 convolutions kept in uint8 (<see cref="QuantizedHardSwish"/>):
/// ONNX Runtime runs it as QLinearAdd and QLinearMul, with outputs as close to the float network's
/// as with hard-swish in float, on generated PP-LCNetV3-like blocks as the folding leaves them.</summary>
public sealed class HardSwishQuantizationTests : IDisposable
{
    private const int Side = 16;

    /// <summary>The second block's last shift (b2), left before the padded depthwise convolution.</summary>
    private const float Shift = -0.37f;

    private readonly GeneratedGraphFolder _folder = new();

    [Fact]
    public async Task Hard_swish_between_quantized_convolutions_runs_as_QLinearAdd_and_QLinearMul()
    {
        var model = await _folder.WriteAsync(BuildBlocks(poolSecondBlock: false));

        var quantized = Quantize(model, integerHardSwish: true);

        var optimized = _folder.OptimizedOperators(quantized);
        Assert.Equal(2, optimized.Count(op => op == "QLinearAdd"));
        Assert.Equal(2, optimized.Count(op => op == "QLinearMul"));
        // No float step is left between the convolutions, the second block's shift included.
        Assert.DoesNotContain("HardSigmoid", optimized);
        Assert.DoesNotContain("Mul", optimized);
        Assert.DoesNotContain("Add", optimized);
        var ran = _folder.ProfiledOperators(quantized, Input(9).Values, Side);
        Assert.Superset(new HashSet<string>(["QLinearConv", "QLinearAdd", "QLinearMul"]), ran);
        Assert.DoesNotContain("HardSigmoid", ran);
    }

    [Fact]
    public async Task Integer_hard_swish_gives_outputs_as_close_to_the_float_network_as_float_hard_swish()
    {
        var model = await _folder.WriteAsync(BuildBlocks(poolSecondBlock: false));
        var integer = Quantize(model, integerHardSwish: true);
        var floating = Quantize(model, integerHardSwish: false);

        var input = Input(9).Values;
        var expected = GeneratedImageGraph.Run(model, input, Side);
        var integerError = MeanError(expected, GeneratedImageGraph.Run(integer, input, Side));
        var floatError = MeanError(expected, GeneratedImageGraph.Run(floating, input, Side));

        var largest = expected.Max(Math.Abs);
        TestContext.Current.SendDiagnosticMessage($"mean error: integer hard-swish {integerError}, float hard-swish {floatError}, outputs up to {largest}");
        Assert.True(largest > 0.1f, $"the outputs are all near zero ({largest})");
        Assert.True(integerError < 0.02f * largest, $"mean error {integerError} against outputs up to {largest}");
        Assert.True(integerError < 1.5f * floatError, $"mean error {integerError} with integer hard-swish, {floatError} with float hard-swish");
    }

    [Fact]
    public async Task The_shift_after_hard_swish_is_a_whole_number_of_steps_of_the_value_the_next_convolution_reads()
    {
        var model = await _folder.WriteAsync(BuildBlocks(poolSecondBlock: false));

        var quantized = Quantize(model, integerHardSwish: true);

        // QLinearMul writes value − b2 with the zero point of value moved by b2 / scale: exactly, so that
        // the padded convolution after it reads the shift and its padding's zeros as the float one does.
        var layout = OnnxProtoReader.Read(quantized);
        var shifts = layout.Initializers.Where(tensor => tensor.Name.EndsWith("_hswish_y_zero", StringComparison.Ordinal))
            .Select(tensor => tensor.Name[..^"_hswish_y_zero".Length])
            .Select(value => (Value(quantized, layout, value + "_hswish_y_zero") - Value(quantized, layout, value + "_int_zero")) * Value(quantized, layout, value + "_int_scale"))
            .Order().ToList();
        Assert.Equal(2, shifts.Count);
        Assert.Equal(Shift, shifts[0], 1e-5f);
        Assert.Equal(0, shifts[1]);
    }

    [Fact]
    public async Task Hard_swish_read_by_an_operator_that_stays_float_stays_float()
    {
        var model = await _folder.WriteAsync(BuildBlocks(poolSecondBlock: true));

        var quantized = Quantize(model, integerHardSwish: true);

        // The first block's hard-swish only feeds a quantised convolution; the second's also feeds a pooling.
        var optimized = _folder.OptimizedOperators(quantized);
        Assert.Equal(1, optimized.Count(op => op == "QLinearMul"));
        Assert.Equal(1, optimized.Count(op => op == "HardSigmoid"));
        var input = Input(9).Values;
        Assert.Equal(GeneratedImageGraph.Run(model, input, Side).Length, GeneratedImageGraph.Run(quantized, input, Side).Length);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Two blocks as <c>HardSwishBlockFolding</c> leaves PP-OCRv4's: a padded 3 × 3 convolution,
    /// hard-swish as <c>x · HardSigmoid(x)</c> with the slope of a folded scale, a 1 × 1 convolution,
    /// hard-swish, the block's last shift (left before a padded convolution) and a padded depthwise 3 × 3
    /// convolution; with <paramref name="poolSecondBlock"/> the second block's output is also pooled and added
    /// to the result (a float reader).</summary>
    private static OnnxGraph BuildBlocks(bool poolSecondBlock)
    {
        var random = new Random(31);
        var graph = new OnnxGraphBuilder("hard-swish blocks");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 8, Side, Side);
        var first = Conv(graph, random, x, "first", 8, 4, 3, group: 1);
        var second = Conv(graph, random, HardSwish(graph, first, 0.23f), "second", 8, 8, 1, group: 1);
        var shifted = graph.Node("Add", [HardSwish(graph, second, 0.41f), graph.FloatScalar(Shift)]);
        if (!poolSecondBlock)
        {
            Conv(graph, random, shifted, "third", 8, 1, 3, group: 8, output: "y");
            return graph.Build();
        }

        var third = Conv(graph, random, shifted, "third", 8, 1, 3, group: 8);
        graph.Node("Add", [third, graph.Node("GlobalAveragePool", [shifted])], output: "y");
        return graph.Build();
    }

    private static string HardSwish(OnnxGraphBuilder graph, string x, float alpha) =>
        graph.Node("Mul", [x, graph.Node("HardSigmoid", [x], [OnnxAttribute.Float("alpha", alpha), OnnxAttribute.Float("beta", 0.5f)])]);

    private static string Conv(OnnxGraphBuilder graph, Random random, string x, string name, int outputs, int inputsPerGroup, int kernel, int group, string? output = null)
    {
        var weights = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_w", outputs, inputsPerGroup, kernel, kernel), random, 2 / Math.Sqrt(inputsPerGroup * kernel * kernel)));
        var bias = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_b", outputs), random, 0.5));
        var pad = kernel / 2;
        return graph.Node("Conv", [x, weights, bias],
            [OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("pads", pad, pad, pad, pad), OnnxAttribute.Int("group", group)], output);
    }

    private static byte[] Quantize(byte[] model, bool integerHardSwish)
    {
        var ranges = ActivationCalibration.Measure(model, ConvQdqQuantization.Activations(model), [.. Enumerable.Range(0, 4).Select(Input)], intraOpThreads: 1);
        var (quantized, convs) = ConvQdqQuantization.Apply(model, ranges, new OcrInt8Rewrite(IntegerHardSwish: integerHardSwish));
        Assert.Equal(3, convs);
        return quantized;
    }

    /// <summary>A scalar initializer's value: float, or uint8 as a float.</summary>
    private static float Value(byte[] model, OnnxModelLayout layout, string name)
    {
        var tensor = layout.Initializers.Single(initializer => initializer.Name == name);
        var bytes = model.AsSpan(tensor.RawDataOffset, tensor.RawDataLength);
        return tensor.DataType == 1 ? BitConverter.ToSingle(bytes) : bytes[0];
    }

    private static float MeanError(float[] expected, float[] actual) => expected.Zip(actual, (a, b) => Math.Abs(a - b)).Average();

    private static (float[] Values, int[] Shape) Input(int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, 4 * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2))], [1, 4, Side, Side]);
    }
}
