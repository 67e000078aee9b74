using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.OnnxGraphs;
using RagPlatform.OnnxGraphs.Quantization;

namespace RagPlatform.Infrastructure.Tests.Onnx;

/// <summary>The dynamic quantizer the benchmarks use to make int8 towers: a real graph rewrite that
/// ONNX Runtime loads and runs, close to the float graph.</summary>
public sealed class DynamicQuantizerTests : IDisposable
{
    private const int Inputs = 64;
    private const int Hidden = 96;
    private const int Outputs = 32;
    private const int Batch = 4;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "quantizer-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<OnnxElementType, bool, bool> Settings => new()
    {
        { OnnxElementType.Int8, true, true },
        { OnnxElementType.UInt8, true, true },
        { OnnxElementType.UInt8, false, false },
        { OnnxElementType.Int8, false, false },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task A_quantized_graph_loads_in_onnx_runtime_and_its_outputs_stay_close_to_the_float_graph(
        OnnxElementType weightType, bool perChannel, bool reduceRange)
    {
        var graph = BuildGraph();
        var quantized = DynamicQuantizer.Quantize(graph, new DynamicQuantization(weightType, perChannel, reduceRange));
        var input = Input();

        var expected = await RunAsync(graph, "float.onnx", input);
        var actual = await RunAsync(quantized, "int8.onnx", input);

        for (var row = 0; row < Batch; row++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(expected.AsSpan(row * Outputs, Outputs), actual.AsSpan(row * Outputs, Outputs));
            Assert.InRange(cosine, 0.99f, 1.0001f);
        }

        Assert.NotEqual(expected, actual);
    }

    [Theory]
    [InlineData(OnnxElementType.UInt8)]
    [InlineData(OnnxElementType.Int8)]
    public async Task A_convolution_and_an_embedding_table_are_quantized_and_still_agree_with_the_float_graph(OnnxElementType weightType)
    {
        var graph = BuildConvolutionGraph();
        var quantized = DynamicQuantizer.Quantize(graph, new DynamicQuantization(weightType, PerChannel: true, ReduceRange: true));
        Assert.Single(quantized.Nodes, node => node.OpType == "ConvInteger");
        Assert.Single(quantized.Nodes, node => node.OpType == "DequantizeLinear");
        Assert.DoesNotContain(quantized.Initializers, tensor => tensor.ElementType == OnnxElementType.Float && tensor.Name is "patch" or "table");
        var random = new Random(3);
        float[] pixels = [.. Enumerable.Range(0, Batch * 3 * 8 * 8).Select(_ => (float)((random.NextDouble() * 4) - 2))];
        long[] ids = [.. Enumerable.Range(0, Batch * 4).Select(i => (long)(i * 7 % 50))];

        var expected = await RunAsync(graph, "conv-float.onnx", pixels, ids);
        var actual = await RunAsync(quantized, "conv-int8.onnx", pixels, ids);

        for (var row = 0; row < Batch; row++)
        {
            Assert.InRange(TensorPrimitives.CosineSimilarity(expected.AsSpan(row * 64, 64), actual.AsSpan(row * 64, 64)), 0.99f, 1.0001f);
        }
    }

    [Fact]
    public void Only_matmuls_with_a_constant_weight_are_rewritten_and_their_float_weights_are_dropped()
    {
        var graph = BuildGraph();
        var quantized = DynamicQuantizer.Quantize(graph, DynamicQuantization.TransformersJs(graph));

        Assert.Equal(2, quantized.Nodes.Count(node => node.OpType == "MatMulInteger"));
        Assert.Equal(2, quantized.Nodes.Count(node => node.OpType == "DynamicQuantizeLinear"));
        var remaining = Assert.Single(quantized.Nodes, node => node.OpType == "MatMul");
        Assert.DoesNotContain(remaining.Inputs, input => quantized.Initializers.Any(tensor => tensor.Name == input));
        Assert.DoesNotContain(quantized.Initializers, tensor => tensor.Name is "w1" or "w2");
        Assert.Contains(quantized.Initializers, tensor => tensor.Name == "b1" && tensor.ElementType == OnnxElementType.Float);
        Assert.Equal(graph.ParameterCount, quantized.ParameterCount);
    }

    [Fact]
    public void Symmetric_int8_weights_use_seven_bits_per_column_with_a_zero_zero_point()
    {
        var graph = BuildGraph();
        var quantized = DynamicQuantizer.Quantize(graph, DynamicQuantization.TransformersJs(graphHasConv: false));

        var weight = Assert.Single(quantized.Initializers, tensor => tensor.Name == "w1_quantized");
        Assert.Equal(OnnxElementType.Int8, weight.ElementType);
        var values = weight.RawData.Select(value => (int)unchecked((sbyte)value)).ToList();
        Assert.InRange(values.Min(), -64, -1);
        Assert.InRange(values.Max(), 1, 64);
        Assert.Contains(values, value => Math.Abs(value) == 64);
        var zeroPoint = Assert.Single(quantized.Initializers, tensor => tensor.Name == "w1_zero_point");
        Assert.Equal([Hidden], zeroPoint.Dims);
        Assert.All(zeroPoint.RawData, value => Assert.Equal(0, value));
        Assert.Equal([Hidden], Assert.Single(quantized.Initializers, tensor => tensor.Name == "w1_scale").Dims);
    }

    [Fact]
    public void The_transformers_js_settings_use_uint8_weights_only_for_graphs_with_a_convolution()
    {
        Assert.Equal(new DynamicQuantization(OnnxElementType.UInt8, true, true), DynamicQuantization.TransformersJs(graphHasConv: true));
        Assert.Equal(new DynamicQuantization(OnnxElementType.Int8, true, true), DynamicQuantization.TransformersJs(BuildGraph()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    // x [batch, 64] → sigmoid(x·W1 + b1) · W2 → y [batch, 32]; scores = y·yᵀ multiplies two activations.
    private static OnnxGraph BuildGraph()
    {
        var random = new Random(7);
        var graph = new OnnxGraphBuilder("quantizer_test");
        var batch = OnnxDimension.Named("batch");
        var x = graph.Input("x", OnnxElementType.Float, batch, Inputs);
        graph.Output("y", OnnxElementType.Float, batch, Outputs);
        graph.Output("scores", OnnxElementType.Float, batch, batch);
        var w1 = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("w1", Inputs, Hidden), random, 1 / Math.Sqrt(Inputs)));
        var b1 = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("b1", Hidden), random, 0.1));
        var w2 = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("w2", Hidden, Outputs), random, 1 / Math.Sqrt(Hidden)));
        var hidden = graph.Node("Sigmoid", [graph.Node("Add", [graph.Node("MatMul", [x, w1]), b1])]);
        var y = graph.Node("MatMul", [hidden, w2], output: "y");
        graph.Node("MatMul", [y, graph.Node("Transpose", [y], [OnnxAttribute.Ints("perm", 1, 0)])], output: "scores");
        return graph.Build();
    }

    // pixels [batch, 3, 8, 8] → Conv 16×3×4×4 stride 4 → [batch, 64]; plus the summed rows of a
    // [50, 16] table picked by ids [batch, 4], tiled to 64.
    private static OnnxGraph BuildConvolutionGraph()
    {
        var random = new Random(5);
        var graph = new OnnxGraphBuilder("quantizer_conv_test");
        var batch = OnnxDimension.Named("batch");
        var pixels = graph.Input("pixels", OnnxElementType.Float, batch, 3, 8, 8);
        var ids = graph.Input("ids", OnnxElementType.Int64, batch, 4);
        graph.Output("y", OnnxElementType.Float, batch, 64);
        var patch = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("patch", 16, 3, 4, 4), random, 1 / Math.Sqrt(48)));
        var table = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("table", 50, 16), random, 1));
        var features = graph.Node("Reshape", [
            graph.Node("Conv", [pixels, patch], [OnnxAttribute.Ints("kernel_shape", 4, 4), OnnxAttribute.Ints("strides", 4, 4)]),
            graph.Int64Vector(0, 64),
        ]);
        var embedded = graph.Node("ReduceSum", [graph.Node("Gather", [table, ids], [OnnxAttribute.Int("axis", 0)]), graph.Int64Vector(1)],
            [OnnxAttribute.Int("keepdims", 0)]); // [batch, 16]
        var tiled = graph.Node("Tile", [embedded, graph.Int64Vector(1, 4)]);
        graph.Node("Add", [features, tiled], output: "y");
        return graph.Build();
    }

    private static float[] Input()
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, Batch * Inputs).Select(_ => (float)((random.NextDouble() * 4) - 2))];
    }

    private async Task<float[]> RunAsync(OnnxGraph graph, string fileName, float[] input)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, [Batch, Inputs]);
        return await RunAsync(graph, fileName, new Dictionary<string, OrtValue> { ["x"] = value });
    }

    private async Task<float[]> RunAsync(OnnxGraph graph, string fileName, float[] pixels, long[] ids)
    {
        using var pixelValue = OrtValue.CreateTensorValueFromMemory(pixels, [Batch, 3, 8, 8]);
        using var idValue = OrtValue.CreateTensorValueFromMemory(ids, [Batch, 4]);
        return await RunAsync(graph, fileName, new Dictionary<string, OrtValue> { ["pixels"] = pixelValue, ["ids"] = idValue });
    }

    private async Task<float[]> RunAsync(OnnxGraph graph, string fileName, Dictionary<string, OrtValue> inputs)
    {
        var path = Path.Combine(_folder, fileName);
        await OnnxGraphWriter.WriteAsync(graph, path, "quantizer test", CancellationToken.None);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [.. inputs.Keys], [.. inputs.Values], ["y"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
