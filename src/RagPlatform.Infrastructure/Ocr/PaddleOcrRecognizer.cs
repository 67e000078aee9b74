using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>OCR in process: PaddleOCR's PP-OCRv4 detector and recogniser (and optionally its
/// angle classifier) on ONNX Runtime. Loads once, on first use (the start-up check makes that
/// happen at start-up); when a file is missing or broken it stays unavailable with a reason that
/// says what and how to fix it. Thread-safe.</summary>
internal sealed class PaddleOcrRecognizer : ITextRecognizer, IDisposable
{
    private const string FetchHint =
        "Run scripts/fetch-ocr-models.sh (with --latin for Ocr:Recognizer=Latin) to download PP-OCR into it, or point Ocr:ModelDirectory at a folder that has the models.";

    private readonly OcrModelFolder _folder;
    private readonly OcrOptions _options;
    private readonly ILogger _logger;
    private readonly SkiaImageDecoder _decoder;
    private readonly DecodedImages _decoded;
    private readonly Lazy<Loaded> _loaded;
    private readonly OcrInt8ModelCache? _int8Cache;
    private int _disposed;

    /// <param name="decoded">Where the pixels read here are left for the image encoder (CLIP), which
    /// reads the same image next, so that it is decoded once; a private one (no sharing) when null.</param>
    /// <param name="int8Cache">Where the int8 networks are kept between loads; calibrated at every load when null.</param>
    public PaddleOcrRecognizer(OcrModelFolder folder, OcrOptions options, ILogger<PaddleOcrRecognizer> logger, DecodedImages? decoded = null,
        OcrInt8ModelCache? int8Cache = null)
    {
        _int8Cache = int8Cache;
        _decoded = decoded ?? new DecodedImages();
        _folder = folder;
        _options = options;
        _logger = logger;
        _decoder = new SkiaImageDecoder(options.MaxImagePixels);
        _loaded = new(Load);
    }

    public bool IsAvailable => _loaded.Value.Pipeline is not null;

    public string? UnavailableReason => _loaded.Value.Reason;

    /// <summary>The loaded recogniser runs hard-swish as table lookups (<see cref="OcrOptions.LookupHardSwish"/>).</summary>
    internal bool LookupHardSwish => _loaded.Value.Model?.LookupHardSwish == true;

    /// <summary>The loaded recogniser's CTC head is the library's fused operator (<see cref="OcrOptions.FusedCtcHead"/>).</summary>
    internal bool FusedCtcHead => _loaded.Value.Model?.Recognizer.FusedCtcHeadClasses > 0;

    /// <summary>The loaded detector runs hard-swish as table lookups (<see cref="OcrOptions.LookupHardSwish"/>).</summary>
    internal bool DetectorLookupHardSwish => _loaded.Value.Model?.DetectorLookupHardSwish == true;

    public Task<IReadOnlyList<RecognizedLine>> RecognizeAsync(EncodedImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var pipeline = _loaded.Value.Pipeline
            ?? throw new InvalidOperationException("OCR is not available: " + _loaded.Value.Reason);
        return Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var decoded = _decoded.Share(_decoder, image.Data);
            cancellationToken.ThrowIfCancellationRequested();
            var lines = Read(pipeline, decoded.Pixels, cancellationToken);
            OcrLog.Read(_logger, lines.Count, decoded.Width, decoded.Height, clock.ElapsedMilliseconds);
            return lines;
        }, cancellationToken);
    }

    public void Dispose()
    {
        // The container may dispose this twice (it is registered as itself and as ITextRecognizer).
        if (_loaded.IsValueCreated && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _loaded.Value.Model?.Dispose();
        }
    }

    private static IReadOnlyList<RecognizedLine> Read(PaddleOcrPipeline pipeline, RgbaRaster raster, CancellationToken cancellationToken)
    {
        try
        {
            return pipeline.Read(raster, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            // A network gave a shape the pipeline cannot read: the model files are at fault, not
            // the document, so this is not a rejection.
            throw new InvalidOperationException("OCR failed: " + exception.Message, exception);
        }
    }

    private Loaded Load()
    {
        var loaded = TryLoad();
        if (loaded.Model is { } model)
        {
            OcrLog.Loaded(_logger, _folder.FullPath, model.AngleClassifier is not null, model.FoldedBlocks, (long)model.LoadTime.TotalMilliseconds);
            if (model.LookupFallback is { } reason)
            {
                OcrLog.LookupUnavailable(_logger, reason);
            }
        }
        else
        {
            OcrLog.Unavailable(_logger, loaded.Reason!);
        }

        return loaded;
    }

    private Loaded TryLoad()
    {
        if (!_folder.Exists)
        {
            return Loaded.Unavailable($"The OCR model folder {_folder.FullPath} does not exist. {FetchHint}");
        }

        var missing = _folder.MissingFiles(_options.UseAngleClassifier, _options.Recognizer);
        if (missing.Count > 0)
        {
            return Loaded.Unavailable($"The OCR model folder {_folder.FullPath} lacks {string.Join(", ", missing)}. {FetchHint}");
        }

        try
        {
            var model = PaddleOcrModel.Load(_folder, _options.UseAngleClassifier, _options.IntraOpThreads, _options.FoldNetworkBlocks, _options.Recognizer, _options.Precision,
                _int8Cache, _options.Int8MatMuls, _options.DetectorFloatConvs, _options.DetectorHeadBlocks, _options.LookupHardSwish ? _options.NativeLibraryPath : null, _options.FusedCtcHead);
            return new Loaded(model, new PaddleOcrPipeline(model, _options), null);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Loaded.Unavailable($"The OCR models in {_folder.FullPath} cannot be used: {exception.Message} {FetchHint}");
        }
    }

    /// <summary>Either the loaded model and its pipeline, or the reason there is none.</summary>
    private sealed record Loaded(PaddleOcrModel? Model, PaddleOcrPipeline? Pipeline, string? Reason)
    {
        public static Loaded Unavailable(string reason) => new(null, null, reason);
    }
}
