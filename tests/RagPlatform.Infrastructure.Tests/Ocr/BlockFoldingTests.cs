using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Tests.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>PP-LCNetV3's blocks folded into their convolutions at load: the same results from fewer
/// element-wise steps, on generated blocks and on the real PP-OCRv4 networks.</summary>
public sealed class BlockFoldingTests : IDisposable
{
    private const int Side = 8;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ocr-folding-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Folded_blocks_give_the_same_outputs_without_clip_or_divide()
    {
        var model = await WriteAsync(BuildBlocks(readTwice: false));

        var (folded, blocks) = HardSwishBlockFolding.Apply(model);

        Assert.Equal(3, blocks);
        var ops = OnnxProtoReader.Read(folded).Nodes.Select(node => node.OpType).ToList();
        Assert.DoesNotContain("Clip", ops);
        Assert.DoesNotContain("Div", ops);
        Assert.Equal(3, ops.Count(op => op == "HardSigmoid"));
        Assert.Equal(3, ops.Count(op => op == "Mul"));
        // The first block's shift went into the 1 × 1 convolution after it; the second's stays
        // before a padded convolution, the third's is the graph's output.
        Assert.Equal(2, ops.Count(op => op == "Add"));
        AssertSameOutputs(Run(model, Input()), Run(folded, Input()));
    }

    [Fact]
    public async Task A_block_whose_convolution_output_is_read_elsewhere_is_left_as_it_is()
    {
        var model = await WriteAsync(BuildBlocks(readTwice: true));

        var (folded, blocks) = HardSwishBlockFolding.Apply(model);

        Assert.Equal(2, blocks);
        Assert.Single(OnnxProtoReader.Read(folded).Nodes, node => node.OpType == "Clip");
        Assert.Equal(Run(model, Input()).Length, Run(folded, Input()).Length);
    }

    [Fact]
    public async Task Blocks_as_PP_OCRv5_exports_them_fold_into_convolution_hard_swish_convolution()
    {
        var model = await WriteAsync(BuildV5Blocks());

        var (folded, blocks) = HardSwishBlockFolding.Apply(model);

        Assert.Equal(3, blocks);
        var ops = OnnxProtoReader.Read(folded).Nodes.Select(node => node.OpType).ToList();
        Assert.DoesNotContain("Identity", ops);
        Assert.Equal(3, ops.Count(op => op == "HardSwish"));
        // The first block's scale and shift went into the 1 × 1 convolution after it; the second's
        // scale into the padded convolution after it, its shift (divided by the scale) stays; the
        // third's scale and shift give the graph's output. The three biases stay Adds.
        Assert.Equal(1, ops.Count(op => op == "Mul"));
        Assert.Equal(5, ops.Count(op => op == "Add"));
        AssertSameOutputs(Run(model, Input()), Run(folded, Input()));
    }

    [Fact]
    public void The_real_Latin_recogniser_folds_and_reads_the_same_text_folded_as_exported()
    {
        var folder = new OcrModelFolder(OcrModels.Directory);
        using var folded = PaddleOcrModel.Load(folder, withAngleClassifier: false, intraOpThreads: 1, foldBlocks: true, OcrRecognizerModel.Latin);
        using var exported = PaddleOcrModel.Load(folder, withAngleClassifier: false, intraOpThreads: 1, foldBlocks: false, OcrRecognizerModel.Latin);
        var options = new OcrOptions { Recognizer = OcrRecognizerModel.Latin };
        var raster = new SkiaImageDecoder(long.MaxValue).Decode(OcrSamples.Screenshot().Encode()).Pixels;

        var expected = new PaddleOcrPipeline(exported, options).Read(raster, TestContext.Current.CancellationToken);
        var actual = new PaddleOcrPipeline(folded, options).Read(raster, TestContext.Current.CancellationToken);

        Assert.True(folded.Recognizer.FoldedBlocks > 20, $"{folded.Recognizer.FoldedBlocks} blocks of the Latin recogniser folded");
        Assert.Equal(expected.Select(line => line.Text), actual.Select(line => line.Text));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Confidence, actual[i].Confidence, 0.01);
        }
    }

    [Fact]
    public void The_real_networks_read_the_same_text_folded_as_exported()
    {
        var folder = new OcrModelFolder(OcrModels.Directory);
        using var folded = PaddleOcrModel.Load(folder, withAngleClassifier: false, intraOpThreads: 1, foldBlocks: true);
        using var exported = PaddleOcrModel.Load(folder, withAngleClassifier: false, intraOpThreads: 1, foldBlocks: false);
        var options = new OcrOptions();
        var raster = new SkiaImageDecoder(long.MaxValue).Decode(OcrSamples.Screenshot().Encode()).Pixels;

        var expected = new PaddleOcrPipeline(exported, options).Read(raster, TestContext.Current.CancellationToken);
        var actual = new PaddleOcrPipeline(folded, options).Read(raster, TestContext.Current.CancellationToken);

        Assert.True(folded.Detector.FoldedBlocks > 20 && folded.Recognizer.FoldedBlocks > 20, $"{folded.Detector.FoldedBlocks} / {folded.Recognizer.FoldedBlocks} blocks folded");
        Assert.Equal(0, exported.FoldedBlocks);
        Assert.Equal(expected.Select(line => line.Text), actual.Select(line => line.Text));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Confidence, actual[i].Confidence, 0.01);
            Assert.Equal(expected[i].Box.X, actual[i].Box.X, 0.005);
            Assert.Equal(expected[i].Box.Width, actual[i].Box.Width, 0.005);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Three PP-LCNetV3 blocks as Paddle exports them: a padded 3 × 3 convolution, a 1 × 1
    /// one, a padded 3 × 3 one, each followed by ×s1 + b1, x · clip(x + 3, 0, 6) / 6 and ×s2 + b2
    /// (one s2 negative). <paramref name="readTwice"/>: the first convolution's output is also read
    /// by a Relu added to the result.</summary>
    private static OnnxGraph BuildBlocks(bool readTwice)
    {
        var random = new Random(13);
        var graph = new OnnxGraphBuilder("blocks");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 6, Side, Side);
        var (first, conv) = Block(graph, random, "first", x, 4, 8, 3, (1.3f, 0.2f, 0.8f, -0.1f), output: null);
        var (second, _) = Block(graph, random, "second", first, 8, 8, 1, (0.9f, -0.3f, -0.7f, 0.25f), output: null);
        if (readTwice)
        {
            var (third, _) = Block(graph, random, "third", second, 8, 6, 3, (1.1f, 0.1f, 1.2f, 0.05f), output: null);
            var extra = graph.Node("Conv", [graph.Node("Relu", [conv]), graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats("extra", 6, 8, 1, 1), random, 0.3))]);
            graph.Node("Add", [third, extra], output: "y");
        }
        else
        {
            Block(graph, random, "third", second, 8, 6, 3, (1.1f, 0.1f, 1.2f, 0.05f), output: "y");
        }

        return graph.Build();
    }

    private static (string Output, string Conv) Block(OnnxGraphBuilder graph, Random random, string name, string input, int inputs, int outputs, int kernel,
        (float S1, float B1, float S2, float B2) affine, string? output)
    {
        var weight = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_w", outputs, inputs, kernel, kernel), random, 1 / Math.Sqrt(inputs * kernel * kernel)));
        var bias = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_b", outputs), random, 0.2));
        var pad = kernel / 2;
        var conv = graph.Node("Conv", [input, weight, bias], [OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("pads", pad, pad, pad, pad)]);
        var h = graph.Node("Add", [graph.Node("Mul", [graph.FloatScalar(affine.S1), conv]), graph.FloatScalar(affine.B1)]);
        var clipped = graph.Node("Clip", [graph.Node("Add", [h, graph.FloatScalar(3)]), graph.FloatScalar(0), graph.FloatScalar(6)]);
        var swish = graph.Node("Div", [graph.Node("Mul", [h, clipped]), graph.FloatScalar(6)]);
        return (graph.Node("Add", [graph.Node("Mul", [graph.FloatScalar(affine.S2), swish]), graph.FloatScalar(affine.B2)], output: output), conv);
    }

    /// <summary>Three blocks as Paddle's newer exporter writes them (the PP-OCRv5 Latin recogniser):
    /// a convolution without bias, then Add of a [1, C, 1, 1] bias, ×s1 + b1, HardSwish, ×s2 + b2,
    /// with an Identity after each step; a padded 3 × 3, a 1 × 1, a padded 3 × 3 convolution.</summary>
    private static OnnxGraph BuildV5Blocks()
    {
        var random = new Random(19);
        var graph = new OnnxGraphBuilder("v5 blocks");
        var x = graph.Input("x", OnnxElementType.Float, 1, 4, Side, Side);
        graph.Output("y", OnnxElementType.Float, 1, 6, Side, Side);
        var first = V5Block(graph, random, "first", x, 4, 8, 3, (1.3f, 0.2f, 0.8f, -0.1f), output: null);
        var second = V5Block(graph, random, "second", first, 8, 8, 1, (0.9f, -0.3f, -0.7f, 0.25f), output: null);
        V5Block(graph, random, "third", second, 8, 6, 3, (1.1f, 0.15f, 1.2f, 0.05f), output: "y");
        return graph.Build();
    }

    private static string V5Block(OnnxGraphBuilder graph, Random random, string name, string input, int inputs, int outputs, int kernel,
        (float S1, float B1, float S2, float B2) affine, string? output)
    {
        string Identity(string value) => graph.Node("Identity", [value]);
        var weight = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_w", outputs, inputs, kernel, kernel), random, 1 / Math.Sqrt(inputs * kernel * kernel)));
        var bias = graph.Parameter(RandomWeights.Filled(OnnxTensor.Floats(name + "_b", 1, outputs, 1, 1), random, 0.2));
        var pad = kernel / 2;
        var conv = graph.Node("Conv", [input, weight], [OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("pads", pad, pad, pad, pad)]);
        var h = Identity(graph.Node("Add", [Identity(graph.Node("Mul", [graph.FloatScalar(affine.S1), Identity(graph.Node("Add", [conv, bias]))])), graph.FloatScalar(affine.B1)]));
        var scaled = Identity(graph.Node("Mul", [graph.FloatScalar(affine.S2), graph.Node("HardSwish", [h])]));
        return output is null
            ? Identity(graph.Node("Add", [scaled, graph.FloatScalar(affine.B2)]))
            : graph.Node("Add", [scaled, graph.FloatScalar(affine.B2)], output: output);
    }

    private static void AssertSameOutputs(float[] expected, float[] actual)
    {
        var largest = expected.Max(Math.Abs);
        Assert.True(largest > 0.1f, $"the outputs are all near zero ({largest})");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * largest, $"output {i}: {expected[i]} folded to {actual[i]}");
        }
    }

    private static float[] Input()
    {
        var random = new Random(17);
        return [.. Enumerable.Range(0, 4 * Side * Side).Select(_ => (float)((random.NextDouble() * 6) - 3))];
    }

    private static float[] Run(byte[] model, float[] input) => GeneratedImageGraph.Run(model, input, Side);

    private async Task<byte[]> WriteAsync(OnnxGraph graph)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".onnx");
        await OnnxGraphWriter.WriteAsync(graph, path, "block folding test", TestContext.Current.CancellationToken);
        return await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
    }
}
