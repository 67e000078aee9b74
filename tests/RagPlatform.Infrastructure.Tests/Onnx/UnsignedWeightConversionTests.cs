using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.OnnxGraphs;
using RagPlatform.OnnxGraphs.Quantization;

namespace RagPlatform.Infrastructure.Tests.Onnx;

/// <summary>The published int8 vision tower has uint8 weights; converting them to int8 at load must
/// not change a single output bit, and must leave alone what it cannot convert exactly.</summary>
public sealed class UnsignedWeightConversionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "unsigned-weights-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_converted_vision_graph_gives_bit_identical_outputs_on_several_inputs()
    {
        var published = await WriteAsync(PublishedStyle());
        var converted = published.ToArray();

        var result = UnsignedWeightConversion.Apply(converted);

        Assert.Equal((3, 0), (result.Converted, result.LeftUnsigned));
        AssertSameOutputs(published, converted);
    }

    [Fact]
    public async Task Converted_weights_are_seven_bit_int8_with_the_same_differences_to_their_zero_points_and_the_convolution_stays_uint8()
    {
        var published = await WriteAsync(PublishedStyle());
        var converted = published.ToArray();

        UnsignedWeightConversion.Apply(converted);

        var before = Initializers(published);
        var after = Initializers(converted);
        foreach (var name in VisionShapedGraph.MatMulWeights)
        {
            var (weight, zeroPoint) = (after[name + "_quantized"], after[name + "_zero_point"]);
            Assert.Equal((3, 3), (weight.DataType, zeroPoint.DataType));
            var signed = Signed(converted, weight);
            var signedZeroPoints = Signed(converted, zeroPoint);
            Assert.InRange(signed.Min(), -64, 63);
            Assert.InRange(signed.Max(), -64, 63);
            var unsigned = Raw(published, before[name + "_quantized"]);
            var unsignedZeroPoints = Raw(published, before[name + "_zero_point"]);
            var columns = signedZeroPoints.Length;
            for (var i = 0; i < signed.Length; i++)
            {
                Assert.Equal(unsigned[i] - unsignedZeroPoints[i % columns], signed[i] - signedZeroPoints[i % columns]);
            }
        }

        Assert.Equal(2, after["patch_quantized"].DataType);
        Assert.Equal(Raw(published, before["patch_quantized"]), Raw(converted, after["patch_quantized"]));
        Assert.Equal(Raw(published, before["patch_zero_point"]), Raw(converted, after["patch_zero_point"]));
    }

    [Fact]
    public async Task A_weight_that_does_not_fit_seven_bits_is_left_unsigned_and_the_outputs_still_agree()
    {
        var graph = PublishedStyle();
        var w2 = graph.Initializers.Single(tensor => tensor.Name == "w2_quantized");
        (w2.RawData[0], w2.RawData[1]) = (0, 200);
        var published = await WriteAsync(graph);
        var converted = published.ToArray();

        var result = UnsignedWeightConversion.Apply(converted);

        Assert.Equal((2, 1), (result.Converted, result.LeftUnsigned));
        var tensor = Initializers(converted)["w2_quantized"];
        Assert.Equal(2, tensor.DataType);
        Assert.Equal(Raw(published, tensor), Raw(converted, tensor));
        AssertSameOutputs(published, converted);
    }

    [Fact]
    public async Task Full_range_uint8_weights_are_left_as_they_are()
    {
        var graph = DynamicQuantizer.Quantize(VisionShapedGraph.Build(), new DynamicQuantization(OnnxElementType.UInt8, PerChannel: true, ReduceRange: false));
        var published = await WriteAsync(graph);
        var converted = published.ToArray();

        var result = UnsignedWeightConversion.Apply(converted);

        Assert.Equal((0, 3), (result.Converted, result.LeftUnsigned));
        Assert.Equal(published, converted);
    }

    [Fact]
    public async Task A_weight_stored_outside_raw_data_is_left_alone()
    {
        var quantized = PublishedStyle();
        var initializers = quantized.Initializers
            .Select(tensor => tensor.Name == "w1_quantized"
                ? OnnxTensor.BytesInInt32Data(tensor.Name, tensor.ElementType, [.. tensor.Dims], tensor.RawData)
                : tensor)
            .ToList();
        var graph = new OnnxGraph(quantized.Name, quantized.Nodes, initializers, quantized.Inputs, quantized.Outputs, quantized.ParameterCount);
        var published = await WriteAsync(graph);
        var converted = published.ToArray();

        var result = UnsignedWeightConversion.Apply(converted);

        Assert.Equal((2, 1), (result.Converted, result.LeftUnsigned));
        var layout = Initializers(converted);
        Assert.Equal((2, 2), (layout["w1_quantized"].DataType, layout["w1_zero_point"].DataType));
        Assert.True(layout["w1_quantized"].HasDataElsewhere);
        Assert.Equal(Raw(published, layout["w1_zero_point"]), Raw(converted, layout["w1_zero_point"]));
        AssertSameOutputs(published, converted);
    }

    [Fact]
    public async Task A_weight_also_read_by_another_node_is_left_alone()
    {
        var quantized = PublishedStyle();
        var nodes = quantized.Nodes.Append(new OnnxNode("reader", "Identity", ["projection_quantized"], ["projection_copy"], [])).ToList();
        var outputs = quantized.Outputs.Append(new OnnxValueInfo("projection_copy", OnnxElementType.UInt8, [VisionShapedGraph.Width, VisionShapedGraph.Embedding]))
            .ToList();
        var published = await WriteAsync(new OnnxGraph(quantized.Name, nodes, quantized.Initializers, quantized.Inputs, outputs, quantized.ParameterCount));
        var converted = published.ToArray();

        var result = UnsignedWeightConversion.Apply(converted);

        Assert.Equal((2, 1), (result.Converted, result.LeftUnsigned));
        Assert.Equal(2, Initializers(converted)["projection_quantized"].DataType);
    }

    [Fact]
    public void Bytes_that_are_not_a_model_are_left_unchanged()
    {
        var bytes = new byte[256];
        new Random(5).NextBytes(bytes);
        var untouched = bytes.ToArray();

        var result = UnsignedWeightConversion.Apply(bytes);

        Assert.Equal((0, 0), (result.Converted, result.LeftUnsigned));
        Assert.Equal(untouched, bytes);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static OnnxGraph PublishedStyle()
    {
        var graph = VisionShapedGraph.Build();
        var settings = DynamicQuantization.TransformersJs(graph);
        Assert.Equal(OnnxElementType.UInt8, settings.WeightType);
        return DynamicQuantizer.Quantize(graph, settings);
    }

    private async Task<byte[]> WriteAsync(OnnxGraph graph)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".onnx");
        await OnnxGraphWriter.WriteAsync(graph, path, "unsigned weight conversion test", TestContext.Current.CancellationToken);
        return await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
    }

    // Batches of 1, 3 and 8 with different seeds; every float of every output compared bit for bit.
    private static void AssertSameOutputs(byte[] published, byte[] converted)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        using var expected = new InferenceSession(published, options);
        using var actual = new InferenceSession(converted, options);
        foreach (var (batch, seed) in new[] { (1, 1), (3, 2), (8, 3), (8, 4) })
        {
            var pixels = VisionShapedGraph.Pixels(batch, seed);
            var want = Run(expected, pixels, batch);
            var got = Run(actual, pixels, batch);
            Assert.Equal(batch * VisionShapedGraph.Embedding, want.Length);
            Assert.Equal(want.Select(BitConverter.SingleToInt32Bits), got.Select(BitConverter.SingleToInt32Bits));
        }
    }

    private static float[] Run(InferenceSession session, float[] pixels, int batch)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [batch, VisionShapedGraph.Channels, VisionShapedGraph.Side, VisionShapedGraph.Side]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [VisionShapedGraph.Input], [input], [VisionShapedGraph.Output]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static Dictionary<string, OnnxInitializerLayout> Initializers(byte[] model) =>
        OnnxProtoReader.Read(model).Initializers.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);

    private static byte[] Raw(byte[] model, OnnxInitializerLayout tensor) => model.AsSpan(tensor.RawDataOffset, tensor.RawDataLength).ToArray();

    private static int[] Signed(byte[] model, OnnxInitializerLayout tensor) => [.. Raw(model, tensor).Select(value => (int)unchecked((sbyte)value))];
}
