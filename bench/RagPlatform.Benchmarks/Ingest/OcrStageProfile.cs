using RagPlatform.Benchmarks.Harness;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Where one reader's time goes, per image: decoding, detection alone, and the whole
/// pipeline (detection, recognition and the rest), so that recognition ≈ whole − detection. In CPU
/// time of the calling thread, where ONNX Runtime with one intra-op thread runs too: on a shared
/// machine a wall clock would count the waits for a core.</summary>
internal static class OcrStageProfile
{
    public static OcrStageRow Measure(string kind, IReadOnlyList<OcrBenchImage> images, string modelDirectory, OcrOptions options, CancellationToken cancellationToken)
    {
        using var model = PaddleOcrModel.Load(new OcrModelFolder(modelDirectory), options.UseAngleClassifier, options.IntraOpThreads, options.FoldNetworkBlocks, options.Recognizer, options.Precision,
            int8MatMuls: options.Int8MatMuls, detectorFloatConvs: options.DetectorFloatConvs, detectorHeadBlocks: options.DetectorHeadBlocks);
        var pipeline = new PaddleOcrPipeline(model, options);
        var decoder = new SkiaImageDecoder(options.MaxImagePixels);
        pipeline.Read(decoder.Decode(images[0].Png).Pixels, cancellationToken); // warm-up

        double decode = 0, detect = 0, whole = 0;
        var boxes = 0;
        long fixedColumns = 0, plannedColumns = 0;
        foreach (var image in images)
        {
            var start = ThreadCpuMs();
            var raster = decoder.Decode(image.Png).Pixels;
            decode += ThreadCpuMs() - start;

            start = ThreadCpuMs();
            using (var ocrImage = new OcrImage(raster))
            {
                var found = pipeline.Detect(ocrImage, cancellationToken);
                boxes += found.Count;
                var widths = found.Select(box => TextLineRecognizer.LineWidth(PaddleOcrPipeline.WithMargin(box, options), options.MaxRecognitionWidth, (float)options.RecognitionStretch, options.MinStretchedLineHeight)).ToArray();
                (fixedColumns, plannedColumns) = (fixedColumns + FixedRunColumns(widths, options.RecognitionBatchSize),
                    plannedColumns + RecognitionBatches.Plan(widths, options.RecognitionBatchSize, TextLineRecognizer.MinBatchWidth)
                        .Sum(batch => (long)batch.Length * Math.Max(TextLineRecognizer.MinBatchWidth, batch.Max(index => widths[index]))));
            }

            detect += ThreadCpuMs() - start;

            start = ThreadCpuMs();
            pipeline.Read(raster, cancellationToken);
            whole += ThreadCpuMs() - start;
        }

        var n = images.Count;
        return new OcrStageRow(kind, n, decode / n, detect / n, (whole - detect) / n, whole / n, (double)boxes / n, (double)fixedColumns / n, (double)plannedColumns / n);
    }

    private static double ThreadCpuMs() => LinuxClock.TryReadMs(LinuxClock.ThreadCpuTime, out var ms)
        ? ms
        : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");

    /// <summary>Columns (of 48 pixels) the recogniser reads when lines, sorted by width, go in fixed
    /// runs of the batch size, as before <see cref="RecognitionBatches"/>.</summary>
    private static long FixedRunColumns(int[] widths, int batchSize) =>
        widths.Order().Chunk(batchSize).Sum(run => (long)run.Length * Math.Max(TextLineRecognizer.MinBatchWidth, run.Max()));
}

/// <summary>Mean milliseconds per image of each stage, one reader, and the columns (48 pixels high,
/// padding included) the recogniser reads per image in fixed runs and as planned.</summary>
internal sealed record OcrStageRow(string Kind, int Images, double DecodeMs, double DetectMs, double RecognizeMs, double PipelineMs, double Boxes,
    double FixedRunColumns, double PlannedColumns);
