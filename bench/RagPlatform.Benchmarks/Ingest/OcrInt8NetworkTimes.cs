using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ocr-int8`: CPU ms per run of the folded float PP-OCRv4 networks against their int8
/// (QDQ, Ocr:Precision=Int8) versions, and the int8 versions with hard-swish left float (as before
/// <see cref="QuantizedHardSwish"/>), one ONNX thread, on a 640 × 416 and a 1280 × 1664 detector
/// input and an [8, 3, 48, 320] recogniser batch (the medians of several runs), with the CPU time
/// of loading (float, int8 calibrated, int8 from an empty and a filled cache), of calibration and
/// rewriting, and how far the outputs differ.</summary>
internal static class OcrInt8NetworkTimes
{
    public static int Run(string modelDirectory, int repeats)
    {
        foreach (var precision in new[] { OcrPrecision.Fp32, OcrPrecision.Int8, OcrPrecision.Fp32, OcrPrecision.Int8 })
        {
            var start = ProcessCpuClock.NowMs();
            using var model = PaddleOcrModel.Load(new OcrModelFolder(modelDirectory), withAngleClassifier: false, intraOpThreads: 1, precision: precision);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load {precision}: {model.LoadTime.TotalMilliseconds:F0} ms wall, {ProcessCpuClock.NowMs() - start:F0} ms CPU; peak working set so far {process.PeakWorkingSet64 / 1e6:F0} MB"));
        }

        // With the on-disk cache the platform uses: the first load calibrates and writes it, the second reads it.
        var cacheFolder = Path.Combine(Path.GetTempPath(), "ocr-int8-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cache = new OcrInt8ModelCache(cacheFolder, NullLogger.Instance);
            foreach (var load in new[] { "Int8, cache empty", "Int8, from the cache" })
            {
                var start = ProcessCpuClock.NowMs();
                using var model = PaddleOcrModel.Load(new OcrModelFolder(modelDirectory), withAngleClassifier: false, intraOpThreads: 1, precision: OcrPrecision.Int8, int8Cache: cache);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"load {load}: {model.LoadTime.TotalMilliseconds:F0} ms wall, {ProcessCpuClock.NowMs() - start:F0} ms CPU (from the cache: detector {model.Detector.QuantizedFromCache}, recogniser {model.Recognizer.QuantizedFromCache})"));
            }
        }
        finally
        {
            Directory.Delete(cacheFolder, recursive: true);
        }

        Measure(Path.Combine(modelDirectory, "ch_PP-OCRv4_det_infer.onnx"), OcrInt8Calibration.Detector(), [[1, 3, 416, 640], [1, 3, 1664, 1280]], repeats);
        Measure(Path.Combine(modelDirectory, "ch_PP-OCRv4_rec_infer.onnx"), OcrInt8Calibration.Recognizer(), [[8, 3, 48, 320]], repeats);
        return 0;
    }

    private static void Measure(string path, OcrInt8Calibration plan, int[][] shapes, int repeats)
    {
        var folded = HardSwishBlockFolding.Apply(File.ReadAllBytes(path)).Model;
        List<(float[] Values, int[] Shape)> calibration = [.. plan.Inputs];
        var start = ProcessCpuClock.NowMs();
        var (quantized, convs) = OcrInt8Quantizer.Quantize(folded, calibration, intraOpThreads: 1, plan.Rewrite);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)}: {convs} convolutions quantised; calibration and rewrite {ProcessCpuClock.NowMs() - start:F0} CPU ms"));
        var floatHardSwish = OcrInt8Quantizer.Quantize(folded, calibration, intraOpThreads: 1, plan.Rewrite with { IntegerHardSwish = false }).Model;
        // The detector as quantised before BatchNormFolding and ResidualGateFolding (its head convolution float).
        var unfolded = plan.Rewrite.FoldNormalization
            ? OcrInt8Quantizer.Quantize(folded, calibration, intraOpThreads: 1, plan.Rewrite with { LeadingFloatConvs = OcrInt8Quantizer.DetectorFloatConvs, FoldNormalization = false }).Model
            : null;
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        using var fp32 = new InferenceSession(folded, options);
        using var int8FloatHardSwish = new InferenceSession(floatHardSwish, options);
        using var int8 = new InferenceSession(quantized, options);
        using var int8Unfolded = unfolded is null ? null : new InferenceSession(unfolded, options);
        foreach (var shape in shapes)
        {
            // A calibration input where one has the shape (drawn text; two for a batch of eight lines), otherwise
            // noise: the time does not depend on the values.
            var matching = calibration.Where(entry => entry.Shape.AsSpan(1).SequenceEqual(shape.AsSpan(1))).SelectMany(entry => entry.Values).ToArray();
            var input = matching.Length == shape.Aggregate(1, (a, b) => a * b) ? matching : NetworkNoise.Of(shape);
            var (a, fp32Ms) = Time(fp32, input, shape, repeats);
            var (b, int8Ms) = Time(int8, input, shape, repeats);
            var (c, floatSwishMs) = Time(int8FloatHardSwish, input, shape, repeats);
            if (int8Unfolded is not null)
            {
                var (d, unfoldedMs) = Time(int8Unfolded, input, shape, repeats);
                var (_, againMs) = Time(int8, input, shape, repeats);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{string.Join(", ", shape)}]: int8 without normalisation folding {unfoldedMs:F1} ms, int8 again {againMs:F1} ms (×{unfoldedMs / againMs:F2}); output |difference| from fp32 without folding: {Difference(a, d)}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  [{string.Join(", ", shape)}]: fp32 {fp32Ms:F1} ms, int8 {int8Ms:F1} ms (×{fp32Ms / int8Ms:F2}), int8 with float hard-swish {floatSwishMs:F1} ms (×{fp32Ms / floatSwishMs:F2})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    output |difference| from fp32: int8 {Difference(a, b)}, int8 with float hard-swish {Difference(a, c)}"));
        }
    }

    private static string Difference(float[] expected, float[] actual)
    {
        var difference = expected.Zip(actual, (x, y) => Math.Abs(x - y)).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"mean {difference.Average():F4}, max {difference.Max():F4}");
    }

    private static (float[] Output, double CpuMs) Time(InferenceSession session, float[] input, int[] shape, int repeats)
    {
        var name = session.InputMetadata.Keys.Single();
        using var run = new RunOptions();
        float[] Once()
        {
            using var value = OrtValue.CreateTensorValueFromMemory(input, [.. shape.Select(dimension => (long)dimension)]);
            using var outputs = session.Run(run, [name], [value], [session.OutputMetadata.Keys.Single()]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        var output = Once();
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var start = ProcessCpuClock.NowMs();
            Once();
            times.Add(ProcessCpuClock.NowMs() - start);
        }

        return (output, times.Order().ElementAt(times.Count / 2));
    }
}
