using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;
using RagPlatform.OnnxGraphs.Quantization;

namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary><c>Clip:Precision=Int8</c> loads the export's uint8 vision tower with its weights
/// converted to int8 in memory: logged, the file untouched, the embeddings exactly the file's.</summary>
public sealed class ClipInt8WeightConversionTests : IDisposable
{
    private const int Side = 224;
    private const int Patch = 32;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clip-int8-conversion-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Int8_converts_the_uint8_vision_weights_at_load_logs_it_and_embeds_exactly_as_the_published_file()
    {
        CopyFixtureModel();
        File.Move(Path.Combine(_folder, "text_model.onnx"), Path.Combine(_folder, "text_model_quantized.onnx"));
        File.Delete(Path.Combine(_folder, "vision_model.onnx"));
        var visionPath = Path.Combine(_folder, "vision_model_quantized.onnx");
        var graph = VisionTower(ClipFixtures.Texts[0].Embedding.Length);
        await OnnxGraphWriter.WriteAsync(DynamicQuantizer.Quantize(graph, DynamicQuantization.TransformersJs(graph)), visionPath, "int8 conversion test",
            TestContext.Current.CancellationToken);
        var published = await File.ReadAllBytesAsync(visionPath, TestContext.Current.CancellationToken);
        var logger = new RecordingLogger<ClipDenseEncoders>();

        using var encoders = new ClipDenseEncoders(new ClipModelFolder(_folder),
            new ClipOptions { ModelDirectory = _folder, IntraOpThreads = 1, Precision = ClipPrecision.Int8 }, logger);

        Assert.True(encoders.IsAvailable, encoders.UnavailableReason);
        Assert.Equal((2, 0), (encoders.Model!.Vision.WeightConversion!.Converted, encoders.Model.Vision.WeightConversion.LeftUnsigned));
        Assert.Contains(logger.Entries, entry =>
            entry.Message.Contains("vision_model_quantized.onnx: 2 MatMulInteger weights converted from uint8 to int8", StringComparison.Ordinal));
        Assert.Equal(published, await File.ReadAllBytesAsync(visionPath, TestContext.Current.CancellationToken));

        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 1,
        };
        using var asPublished = ClipOnnxTower.Open(visionPath, options, "pixel_values", TensorElementType.Float, "image_embeds");
        Assert.Null(asPublished.WeightConversion);
        var random = new Random(9);
        float[] pixels = [.. Enumerable.Range(0, 3 * 3 * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2))];
        long[] shape = [3, 3, Side, Side];
        var expected = asPublished.Run(pixels, shape, null, TestContext.Current.CancellationToken);
        var actual = encoders.Model.Vision.Run(pixels, shape, null, TestContext.Current.CancellationToken);
        Assert.Equal(expected.SelectMany(row => row).Select(BitConverter.SingleToInt32Bits), actual.SelectMany(row => row).Select(BitConverter.SingleToInt32Bits));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    // pixel_values [batch, 3, 224, 224] → 32 × 32 patch Conv → mean over the 7 × 7 patches → two
    // MatMuls → image_embeds [batch, dimensions]: the vision tower's interface with its operators.
    private static OnnxGraph VisionTower(int dimensions)
    {
        var random = new Random(21);
        var graph = new OnnxGraphBuilder("vision_tower");
        var batch = OnnxDimension.Named("batch");
        var pixels = graph.Input("pixel_values", OnnxElementType.Float, batch, 3, Side, Side);
        graph.Output("image_embeds", OnnxElementType.Float, batch, dimensions);
        var patch = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("patch", dimensions, 3, Patch, Patch), random, 1 / Math.Sqrt(3 * Patch * Patch)));
        var mlp = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("mlp", dimensions, dimensions), random, 1 / Math.Sqrt(dimensions)));
        var projection = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("projection", dimensions, dimensions), random, 1 / Math.Sqrt(dimensions)));
        var patches = graph.Node("Conv", [pixels, patch], [OnnxAttribute.Ints("kernel_shape", Patch, Patch), OnnxAttribute.Ints("strides", Patch, Patch)]);
        var pooled = graph.Node("ReduceMean", [patches], [OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 0)]);
        var hidden = graph.Node("Sigmoid", [graph.Node("MatMul", [pooled, mlp])]);
        graph.Node("MatMul", [hidden, projection], output: "image_embeds");
        return graph.Build();
    }

    private void CopyFixtureModel()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(ClipFixtures.ModelDirectory))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }
}
