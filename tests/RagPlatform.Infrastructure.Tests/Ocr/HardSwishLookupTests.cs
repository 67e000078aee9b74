using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.Infrastructure.Tests.Clip;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The int8 networks' hard-swish as one table lookup (<see cref="OcrOptions.LookupHardSwish"/>):
/// the platform's operator library (src/native/u8lookup.c, which scripts/build-native.sh builds and the
/// build copies beside the tests) run by ONNX Runtime, and the fallback when it cannot be used.</summary>
public sealed class HardSwishLookupTests : IDisposable
{
    private readonly GeneratedGraphFolder _folder = new();

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 3, 7, 11)]
    [InlineData(3, 64, 12, 40)]
    public async Task The_lookup_operator_gives_each_value_its_table_entry(int n, int c, int h, int w)
    {
        var random = new Random(n * c * h * w);
        var table = new byte[256];
        random.NextBytes(table);
        var model = await _folder.WriteAsync(Lookup(table, n, c, h, w));
        var input = new byte[n * c * h * w];
        random.NextBytes(input);

        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        Library().Register(options);
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [n, c, h, w]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["x"], [value], ["y"]);

        Assert.Equal([n, c, h, w], results[0].GetTensorTypeAndShape().Shape);
        Assert.Equal(input.Select(entry => table[entry]), results[0].GetTensorDataAsSpan<byte>().ToArray());
    }

    [Theory]
    [InlineData(OcrModelFolder.RecognitionModel)]
    [InlineData(OcrModelFolder.DetectionModel)]
    public void The_real_network_with_lookups_gives_the_outputs_of_QLinearAdd_and_QLinearMul(string network)
    {
        var folded = HardSwishBlockFolding.Apply(File.ReadAllBytes(Path.Combine(OcrModels.Directory, network))).Model;
        var plan = network == OcrModelFolder.DetectionModel ? OcrInt8Calibration.Detector() : OcrInt8Calibration.Recognizer();
        List<(float[] Values, int[] Shape)> lines = [.. plan.Inputs];
        var (operators, operatorConvs) = OcrInt8Quantizer.Quantize(folded, lines, intraOpThreads: 1, plan.Rewrite);
        var (lookups, lookupConvs) = OcrInt8Quantizer.Quantize(folded, lines, intraOpThreads: 1, plan.Rewrite with { LookupHardSwish = true });

        Assert.Equal(operatorConvs, lookupConvs);
        var lookupNodes = FoldableGraph.Read(lookups)!.Nodes.Count(node => node.OpType == QuantizedHardSwish.LookupOperator);
        Assert.True(lookupNodes >= 10, $"{network}: {lookupNodes} lookups written");
        using var expected = Session(operators, library: null);
        using var actual = Session(lookups, Library());
        foreach (var (values, shape) in lines.Take(4))
        {
            // The tables reproduce the two operators' arithmetic, so the network's outputs are the same bit for bit.
            Assert.Equal(Run(expected, values, shape), Run(actual, values, shape));
        }
    }

    [Fact]
    public async Task The_default_recognizer_runs_hard_swish_as_lookups_and_reads_a_real_screenshot_as_without()
    {
        using var lookups = OcrModels.CreateRecognizer();
        using var operators = OcrModels.CreateRecognizer(new OcrOptions { LookupHardSwish = false });
        const string File = "evince-annotations.png";

        var expected = await RealScreenshots.ReadAsync(operators, File, TestContext.Current.CancellationToken);
        var actual = await RealScreenshots.ReadAsync(lookups, File, TestContext.Current.CancellationToken);

        Assert.True(lookups.LookupHardSwish, "the recogniser should use the lookup library built beside the tests (scripts/build-native.sh)");
        Assert.True(lookups.DetectorLookupHardSwish, "the detector should use the lookup library too");
        Assert.False(operators.LookupHardSwish);
        Assert.False(operators.DetectorLookupHardSwish);
        Assert.Equal(expected, actual);
        Assert.True(actual.Rate <= RealScreenshots.MaxErrorRate, actual.Wrong);
    }

    [Fact]
    public void A_missing_library_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), OcrOperatorLibrary.FileName);

        Assert.Null(OcrOperatorLibrary.Find(path, out var reason));
        Assert.Contains(path, reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_no_library_is_reported_not_loaded()
    {
        var path = Path.Combine(Path.GetTempPath(), "not-a-library-" + Guid.NewGuid().ToString("N") + ".so");
        await File.WriteAllTextAsync(path, "not an ELF file", TestContext.Current.CancellationToken);
        try
        {
            Assert.Null(OcrOperatorLibrary.Find(path, out var reason));
            Assert.Contains("cannot be loaded", reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Without_the_library_the_recognizer_reads_as_before_and_logs_why_once()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), OcrOperatorLibrary.FileName);
        var logger = new RecordingLogger<PaddleOcrRecognizer>();
        using var recognizer = new PaddleOcrRecognizer(new OcrModelFolder(OcrModels.Directory), new OcrOptions { NativeLibraryPath = path }, logger);

        var (first, wrong) = await RealScreenshots.ReadAsync(recognizer, "simple-scan-scan-menu.png", TestContext.Current.CancellationToken);
        var (second, _) = await RealScreenshots.ReadAsync(recognizer, "simple-scan-scan-menu.png", TestContext.Current.CancellationToken);

        Assert.True(recognizer.IsAvailable, recognizer.UnavailableReason);
        Assert.False(recognizer.LookupHardSwish);
        Assert.False(recognizer.DetectorLookupHardSwish);
        Assert.True(first <= RealScreenshots.MaxErrorRate, wrong);
        Assert.Equal(first, second);
        var warning = Assert.Single(logger.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("Ocr:LookupHardSwish", warning.Message, StringComparison.Ordinal);
        Assert.Contains(path, warning.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static OcrOperatorLibrary Library() =>
        OcrOperatorLibrary.Find(configuredPath: null, out var reason) ?? throw new InvalidOperationException(reason + " (run scripts/build-native.sh, then build the tests again)");

    /// <summary>One lookup, as <see cref="QuantizedHardSwish"/> writes it: a uint8 tensor in, its entries of <paramref name="table"/> out.</summary>
    private static OnnxGraph Lookup(byte[] table, int n, int c, int h, int w)
    {
        var graph = new OnnxGraphBuilder("lookup");
        var x = graph.Input("x", OnnxElementType.UInt8, n, c, h, w);
        graph.Output("y", OnnxElementType.UInt8, n, c, h, w);
        graph.Node(QuantizedHardSwish.LookupOperator, [x], [OnnxAttribute.Ints("table", [.. table.Select(entry => (long)entry)])], output: "y");
        return graph.Build();
    }

    private static InferenceSession Session(byte[] model, OcrOperatorLibrary? library)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        library?.Register(options);
        return new InferenceSession(model, options);
    }

    private static float[] Run(InferenceSession session, float[] values, int[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(values, [.. shape.Select(dimension => (long)dimension)]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [session.InputMetadata.Keys.Single()], [value], [session.OutputMetadata.Keys.Single()]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
