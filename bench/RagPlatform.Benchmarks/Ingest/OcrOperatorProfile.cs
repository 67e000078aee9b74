using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Where the networks' milliseconds go (`--ort-profile`): the detector and the recogniser
/// run under ONNX Runtime's profiler on each image kind, one thread, and the time of their nodes is
/// summed by operator type; with the crops the recogniser reads (how high the boxes are in the
/// image, so how much they are enlarged to 48 pixels, and how wide they come out). With
/// <see cref="OcrOptions.Precision"/> Int8 the profiled networks are the int8 ones, as the pipeline loads them.</summary>
internal static class OcrOperatorProfile
{
    public static void Measure(string kind, IReadOnlyList<OcrBenchImage> images, string modelDirectory, OcrOptions options, CancellationToken cancellationToken)
    {
        var folder = new OcrModelFolder(modelDirectory);
        using var model = PaddleOcrModel.Load(folder, withAngleClassifier: false, options.IntraOpThreads, options.FoldNetworkBlocks, precision: options.Precision,
            int8MatMuls: options.Int8MatMuls, detectorFloatConvs: options.DetectorFloatConvs, detectorHeadBlocks: options.DetectorHeadBlocks);
        var int8 = options.Precision == OcrPrecision.Int8;
        var pipeline = new PaddleOcrPipeline(model, options);
        var decoder = new SkiaImageDecoder(options.MaxImagePixels);

        var prefix = Path.Combine(Path.GetTempPath(), $"ocr-ort-{kind}-{Environment.ProcessId}");
        using var profiled = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
            ProfileOutputPathPrefix = prefix,
        };
        profiled.EnableProfiling = true;
        using var recognizerModel = OcrOnnxModel.Open(folder.Locate(OcrModelFolder.RecognitionModel), profiled, options.FoldNetworkBlocks, int8 ? OcrInt8Calibration.Recognizer() : null);
        var recognizer = new TextLineRecognizer(recognizerModel, model.Decoder, options.RecognitionBatchSize, options.MaxRecognitionWidth, (float)options.RecognitionStretch, options.MinStretchedLineHeight);
        using var detectorModel = OcrOnnxModel.Open(folder.Locate(OcrModelFolder.DetectionModel), profiled, options.FoldNetworkBlocks, int8 ? OcrInt8Calibration.Detector(options.DetectorFloatConvs, headBlocks: options.DetectorHeadBlocks) : null);
        var post = new DbPostProcessor((float)options.DetectionThreshold, (float)options.BoxThreshold, (float)options.UnclipRatio);
        var detector = new TextDetector(detectorModel, post, post);
        var detectorPixels = 0L;

        var heights = new List<float>();
        var widths = new List<int>();
        foreach (var image in images)
        {
            using var ocrImage = new OcrImage(decoder.Decode(image.Png).Pixels);
            var first = pipeline.DetectFirst(ocrImage, cancellationToken);
            foreach (var scale in new[] { first.Scale, first.LargerScale }.OfType<double>())
            {
                var (w, h) = TextDetector.InputSize(ocrImage.Width, ocrImage.Height, scale);
                detectorPixels += (long)w * h;
                detector.Detect(ocrImage, scale, cancellationToken);
            }

            var lines = pipeline.Detect(ocrImage, cancellationToken).Select(box => PaddleOcrPipeline.WithMargin(box, options)).ToArray();
            heights.AddRange(lines.Select(line => line.Height));
            widths.AddRange(lines.Select(line => TextLineRecognizer.LineWidth(line, options.MaxRecognitionWidth, (float)options.RecognitionStretch, options.MinStretchedLineHeight)));
            recognizer.Recognize(ocrImage, lines, cancellationToken);
        }

        var file = recognizerModel.EndProfiling();
        BenchConsole.Info(string.Create(CultureInfo.InvariantCulture, $"{kind}: detector input {detectorPixels / 1e6 / images.Count:F2} megapixels per image"));
        Summarise(kind + " detector", detectorModel.EndProfiling());
        var sorted = heights.Order().ToList();
        BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
            $"{kind}: {heights.Count / (double)images.Count:F1} crops per image; crop height (margin included) p10 {sorted[sorted.Count / 10]:F1}, p50 {sorted[sorted.Count / 2]:F1}, p90 {sorted[sorted.Count * 9 / 10]:F1} px, enlarged ×{48 / sorted[sorted.Count / 2]:F2} at the median; width at 48 px: p50 {widths.Order().ElementAt(widths.Count / 2)}, max {widths.Max()}, sum per image {widths.Sum() / (double)images.Count:F0}"));
        Summarise(kind + " recogniser", file);
    }

    private static void Summarise(string what, string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var byOp = new Dictionary<string, double>(StringComparer.Ordinal);
        double runs = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var category = item.GetProperty("cat").GetString();
            var name = item.GetProperty("name").GetString() ?? "";
            var microseconds = item.GetProperty("dur").GetDouble();
            if (category == "Session" && name == "model_run")
            {
                runs += microseconds;
            }
            else if (category == "Node" && name.EndsWith("_kernel_time", StringComparison.Ordinal) && item.TryGetProperty("args", out var args)
                && args.TryGetProperty("op_name", out var op))
            {
                var key = op.GetString() ?? "?";
                byOp[key] = byOp.GetValueOrDefault(key) + microseconds;
            }
        }

        var total = byOp.Values.Sum();
        BenchConsole.Info(string.Create(CultureInfo.InvariantCulture, $"{what}: runs {runs / 1000:F0} ms, nodes {total / 1000:F0} ms: ")
            + string.Join(", ", byOp.OrderByDescending(pair => pair.Value).Take(12)
                .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value / 1000:F0} ms ({pair.Value / total:P0})"))));
        File.Delete(file);
    }
}
