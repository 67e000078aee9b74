using RagPlatform.Benchmarks.Harness;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Where one reader's time goes, per image: decoding, detection, and recognition (the
/// lines the detection found turned, read and ordered), each timed on its own. In CPU time of the
/// calling thread, where ONNX Runtime with one intra-op thread runs too: on a shared machine a wall
/// clock would count the waits for a core. The configurations are measured in turn, image by image,
/// so that the machine's load drifts over all of them alike: measured one after the other (and
/// recognition as the whole pipeline less a separate detection, which carried the detector's own
/// spread), the flat lines' recogniser came out 3-7 ms per chart dearer than the network's
/// boxes' although it reads 6 % fewer columns and, timed directly, costs 4-7 % less.</summary>
internal static class OcrStageProfile
{
    public static List<OcrStageRow> Measure(string kind, IReadOnlyList<OcrBenchImage> images, string modelDirectory, IReadOnlyList<(string Name, OcrOptions Options)> configurations,
        CancellationToken cancellationToken)
    {
        var readers = configurations.Select(configuration => new Reader(modelDirectory, configuration.Options)).ToList();
        try
        {
            foreach (var reader in readers)
            {
                reader.Warm(images[0], cancellationToken);
            }

            foreach (var image in images)
            {
                foreach (var reader in readers)
                {
                    reader.Measure(image, cancellationToken);
                }
            }

            return [.. readers.Select((reader, i) => reader.Row(kind + configurations[i].Name, images.Count))];
        }
        finally
        {
            readers.ForEach(reader => reader.Dispose());
        }
    }

    private static double ThreadCpuMs() => LinuxClock.TryReadMs(LinuxClock.ThreadCpuTime, out var ms)
        ? ms
        : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");

    /// <summary>Columns (of 48 pixels) the recogniser reads when lines, sorted by width, go in fixed
    /// runs of the batch size, as before <see cref="RecognitionBatches"/>.</summary>
    private static long FixedRunColumns(int[] widths, int batchSize) =>
        widths.Order().Chunk(batchSize).Sum(run => (long)run.Length * Math.Max(TextLineRecognizer.MinBatchWidth, run.Max()));

    /// <summary>One configuration's model, pipeline and sums.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly OcrOptions _options;
        private readonly PaddleOcrModel _model;
        private readonly PaddleOcrPipeline _pipeline;
        private readonly SkiaImageDecoder _decoder;
        private double _decode, _detect, _recognize;
        private long _boxes, _fixedColumns, _plannedColumns, _ownColumns, _runs;

        public Reader(string modelDirectory, OcrOptions options)
        {
            _options = options;
            _model = PaddleOcrModel.Load(new OcrModelFolder(modelDirectory), options.UseAngleClassifier, options.IntraOpThreads, options.FoldNetworkBlocks, options.Recognizer,
                options.Precision, int8MatMuls: options.Int8MatMuls, detectorFloatConvs: options.DetectorFloatConvs, detectorHeadBlocks: options.DetectorHeadBlocks,
                lookupLibrary: options.LookupHardSwish ? options.NativeLibraryPath : null, fusedCtcHead: options.FusedCtcHead);
            if (_model.LookupFallback is { } reason)
            {
                Console.Error.WriteLine($"ocr profile: hard-swish lookup not used: {reason}");
            }

            _pipeline = new PaddleOcrPipeline(_model, options);
            _decoder = new SkiaImageDecoder(options.MaxImagePixels);
        }

        public void Warm(OcrBenchImage image, CancellationToken cancellationToken) => _pipeline.Read(_decoder.Decode(image.Png).Pixels, cancellationToken);

        public void Measure(OcrBenchImage image, CancellationToken cancellationToken)
        {
            var start = ThreadCpuMs();
            var raster = _decoder.Decode(image.Png).Pixels;
            _decode += ThreadCpuMs() - start;

            start = ThreadCpuMs();
            using var ocrImage = new OcrImage(raster);
            var found = _pipeline.Detect(ocrImage, cancellationToken);
            _detect += ThreadCpuMs() - start;

            start = ThreadCpuMs();
            _pipeline.ReadDetected(ocrImage, found, cancellationToken);
            _recognize += ThreadCpuMs() - start;

            _boxes += found.Count;
            var widths = found.Select(box => TextLineRecognizer.LineWidth(PaddleOcrPipeline.WithMargin(box, _options), _options.MaxRecognitionWidth, (float)_options.RecognitionStretch,
                _options.MinStretchedLineHeight)).ToArray();
            _fixedColumns += FixedRunColumns(widths, _options.RecognitionBatchSize);
            _ownColumns += widths.Sum();
            var batches = RecognitionBatches.Plan(widths, _options.RecognitionBatchSize, TextLineRecognizer.MinBatchWidth);
            _plannedColumns += batches.Sum(batch => (long)batch.Length * Math.Max(TextLineRecognizer.MinBatchWidth, batch.Max(index => widths[index])));
            _runs += batches.Count;
        }

        public OcrStageRow Row(string kind, int n) =>
            new(kind, n, _decode / n, _detect / n, _recognize / n, (_detect + _recognize) / n, (double)_boxes / n, (double)_fixedColumns / n, (double)_plannedColumns / n,
                (double)_ownColumns / n, (double)_runs / n);

        public void Dispose() => _model.Dispose();
    }
}

/// <summary>Mean milliseconds per image of each stage, one reader, and the columns (48 pixels high,
/// padding included) the recogniser reads per image in fixed runs and as planned, the lines' own columns
/// (planned less own = padding), and the planned ONNX runs per image (the detected lines' first reading;
/// vertical lines' second is not counted).</summary>
internal sealed record OcrStageRow(string Kind, int Images, double DecodeMs, double DetectMs, double RecognizeMs, double PipelineMs, double Boxes,
    double FixedRunColumns, double PlannedColumns, double OwnColumns, double Runs);
