using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>The CLIP dual encoder from a model folder. Loads once, on first use (the start-up check
/// makes that first use happen at start-up): both ONNX sessions, the folder's tokenizer and image
/// settings. When anything is missing or broken it stays unavailable with a reason that says what
/// and how to fix it; it never produces vectors any other way.</summary>
internal sealed class ClipDenseEncoders : IDenseEncoders, IDisposable
{
    private const string FetchHint =
        "Run scripts/fetch-models.sh to download CLIP ViT-B/32 (text_model.onnx, vision_model.onnx, vocab.json, merges.txt, " +
        "preprocessor_config.json) into it, or point Clip:ModelDirectory at a folder that has them.";

    private readonly ClipModelFolder _folder;
    private readonly ClipOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<(ClipTokenizer Tokenizer, string? Problem)> _tokenizer;
    private readonly DecodedImages _decoded;
    private readonly Lazy<Loaded> _loaded;
    private int _disposed;

    /// <param name="decoded">Shared with OCR, so that an image OCR has read is not decoded again
    /// here; a private one (no sharing) when null.</param>
    public ClipDenseEncoders(ClipModelFolder folder, ClipOptions options, ILogger<ClipDenseEncoders> logger, DecodedImages? decoded = null)
    {
        _folder = folder;
        _decoded = decoded ?? new DecodedImages();
        _options = options;
        _logger = logger;
        _tokenizer = new(LoadTokenizer);
        _loaded = new(Load);
    }

    public bool IsAvailable => _loaded.Value.Model is not null;

    public string? UnavailableReason => _loaded.Value.Reason;

    public int Dimensions => _loaded.Value.Model?.Dimensions ?? 0;

    public IEmbeddingGenerator<string, Embedding<float>> Text => Require().Text!;

    public IEmbeddingGenerator<DataContent, Embedding<float>> Images => Require().Images!;

    /// <summary>The folder's tokenizer when it has a readable one, else the embedded ViT-B/32 one;
    /// token counts never need the ONNX towers.</summary>
    public ClipTokenizer Tokenizer => _tokenizer.Value.Tokenizer;

    /// <summary>The loaded model, null while unavailable (for tests and benchmarks).</summary>
    internal ClipModel? Model => _loaded.Value.Model;

    public void Dispose()
    {
        // The container may dispose this twice (it is registered as itself and as IDenseEncoders).
        if (_loaded.IsValueCreated && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _loaded.Value.Model?.Dispose();
        }
    }

    private Loaded Require()
    {
        var loaded = _loaded.Value;
        return loaded.Model is null
            ? throw new InvalidOperationException("The CLIP encoders are not available: " + loaded.Reason)
            : loaded;
    }

    private (ClipTokenizer, string?) LoadTokenizer()
    {
        var fromFolder = _folder.TryLoadTokenizer(out var problem);
        if (problem is not null)
        {
            ClipLog.TokenizerFallback(_logger, problem);
        }

        return (fromFolder ?? ClipTokenizer.Embedded, problem);
    }

    private Loaded Load()
    {
        var loaded = TryLoad();
        if (loaded.Model is { } model)
        {
            ClipLog.Loaded(_logger, _folder.FullPath, model.Precision, model.Text.FileName, model.Text.Output, model.Vision.FileName, model.Vision.Output,
                model.Dimensions, (long)model.LoadTime.TotalMilliseconds);
            foreach (var tower in new[] { model.Text, model.Vision })
            {
                if (tower.WeightConversion is { } conversion && conversion.Converted + conversion.LeftUnsigned > 0)
                {
                    ClipLog.WeightsConverted(_logger, tower.FileName, conversion.Converted, conversion.LeftUnsigned, (long)conversion.Elapsed.TotalMilliseconds);
                }
            }
        }
        else
        {
            ClipLog.Unavailable(_logger, loaded.Reason!);
        }

        return loaded;
    }

    private Loaded TryLoad()
    {
        if (!_folder.Exists)
        {
            return Loaded.Unavailable($"The CLIP model folder {_folder.FullPath} does not exist. {FetchHint}");
        }

        var missing = _folder.MissingFiles(_options.Precision);
        if (missing.Count > 0)
        {
            return Loaded.Unavailable($"The CLIP model folder {_folder.FullPath} lacks {string.Join(", ", missing)}. {Hint(missing)}");
        }

        try
        {
            // The tokenizer is read after the towers opened: a broken tower is reported without
            // parsing 50,000 vocabulary entries first.
            var model = ClipModel.Load(_folder, () =>
            {
                var (tokenizer, problem) = _tokenizer.Value;
                return problem is null ? tokenizer : throw new InvalidDataException(problem.TrimEnd('.') + ".");
            }, _options.IntraOpThreads, _options.Precision);
            var decoder = new SkiaImageDecoder(_options.MaxImagePixels);
            return new Loaded(
                model,
                null,
                new ClipTextEmbeddingGenerator(model, _options.MaxBatchSize),
                new ClipImageEmbeddingGenerator(model, decoder, _decoded, _options.MaxBatchSize));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Loaded.Unavailable($"The CLIP model in {_folder.FullPath} cannot be used: {exception.Message} {FetchHint}");
        }
    }

    // The int8 towers are an opt-in download: say which setting asked for them and how to get them,
    // and point at them when only they are there.
    private string Hint(IReadOnlyList<string> missing)
    {
        const string Setting = ClipOptions.SectionName + ":" + nameof(ClipOptions.Precision);
        if (_options.Precision == ClipPrecision.Int8 && missing.Any(name => name.EndsWith("_quantized.onnx", StringComparison.Ordinal)))
        {
            return $"{Setting} is {ClipPrecision.Int8}, which loads the int8 towers: run scripts/fetch-models.sh --int8 to download them " +
                $"(text_model_quantized.onnx, vision_model_quantized.onnx) with the rest of the model, or set {Setting} to {ClipPrecision.Fp32}.";
        }

        return _options.Precision == ClipPrecision.Fp32 && _folder.MissingFiles(ClipPrecision.Int8).Count == 0
            ? $"The folder has the int8 towers: set {Setting} to {ClipPrecision.Int8} to use them. {FetchHint}"
            : FetchHint;
    }

    /// <summary>Either a model with its generators, or the reason there is none.</summary>
    private sealed record Loaded(
        ClipModel? Model,
        string? Reason,
        IEmbeddingGenerator<string, Embedding<float>>? Text,
        IEmbeddingGenerator<DataContent, Embedding<float>>? Images)
    {
        public static Loaded Unavailable(string reason) => new(null, reason, null, null);
    }
}
