using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.TextEmbeddings;

/// <summary>The text space's sentence encoder (Snowflake/snowflake-arctic-embed-xs as scripts/fetch-text-model.sh installs it; bge-small-en-v1.5 works with the same settings) on ONNX Runtime.
/// Off when switched off or when its model folder does not exist (it is optional); when the folder
/// exists but is unusable, off with a warning that says what to fix. Loads once, on first use (the
/// start-up check makes that happen at start-up). Thread-safe.</summary>
internal sealed class OnnxTextEncoder : ITextEncoder, IDisposable
{
    private const string FetchHint =
        "Run scripts/fetch-text-model.sh to download Snowflake/snowflake-arctic-embed-xs into models/text, or point Embeddings:Text:ModelDirectory at a folder with model.onnx and vocab.txt.";

    private const int SpecialTokens = 2;

    private readonly BertModelFolder? _folder;
    private readonly TextEmbeddingOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<Loaded> _loaded;
    private int _disposed;

    /// <param name="folder">The configured model folder; null when the text space is switched off.</param>
    public OnnxTextEncoder(BertModelFolder? folder, TextEmbeddingOptions options, ILogger<OnnxTextEncoder> logger)
    {
        _folder = folder;
        _options = options;
        _logger = logger;
        _loaded = new(Load);
    }

    public bool IsAvailable => _loaded.Value.Network is not null;

    public string? UnavailableReason => _loaded.Value.Reason;

    public string? ModelId => _loaded.Value.Name;

    public int Dimensions => _loaded.Value.Network?.Dimensions ?? 0;

    public int PassageTokens => Math.Min(_options.PassageTokens, _options.MaxSequenceLength - SpecialTokens);

    public int CountTokens(string text) => Require().Tokenizer!.CountTokens(text);

    public IEmbeddingGenerator<string, Embedding<float>> Passages => Require().Passages!;

    public IEmbeddingGenerator<string, Embedding<float>> Queries => Require().Queries!;

    public void Dispose()
    {
        if (_loaded.IsValueCreated && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _loaded.Value.Network?.Dispose();
        }
    }

    private Loaded Require() => _loaded.Value is { Network: not null } loaded
        ? loaded
        : throw new InvalidOperationException("The text space is off: " + _loaded.Value.Reason);

    private Loaded Load()
    {
        if (_folder is null)
        {
            return Loaded.Off($"Switched off ({TextEmbeddingOptions.SectionName}:ModelDirectory is empty).");
        }

        if (!Directory.Exists(_folder.FullPath))
        {
            // The text space is optional: a model never fetched is worth a note, not a warning.
            var reason = $"No text embedding model in {_folder.FullPath}. {FetchHint}";
            TextEmbeddingLog.NotInstalled(_logger, reason);
            return Loaded.Off(reason);
        }

        var clock = Stopwatch.StartNew();
        var loaded = TryLoad(_folder);
        if (loaded.Network is null)
        {
            TextEmbeddingLog.Unavailable(_logger, loaded.Reason!);
        }
        else
        {
            TextEmbeddingLog.Loaded(_logger, _folder.FullPath, loaded.Network.Dimensions, PassageTokens, clock.ElapsedMilliseconds);
        }

        return loaded;
    }

    private Loaded TryLoad(BertModelFolder folder)
    {
        if (folder.Problem() is { } problem)
        {
            return Loaded.Off($"{problem} {FetchHint}");
        }

        SentenceEncoderNetwork? network = null;
        try
        {
            var tokenizer = SentenceTokenizer.Load(folder.VocabularyPath, folder.ReadLowerCase());
            using var sessionOptions = new SessionOptions { IntraOpNumThreads = _options.IntraOpThreads };
            // Threads that wait sleep instead of spinning, as CLIP's do: the text space runs beside
            // extraction and the other workers, and a busy loop takes their core.
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            network = SentenceEncoderNetwork.Open(folder.ModelPath!, sessionOptions);
            if (network.Dimensions == 0)
            {
                // A graph that leaves the width symbolic tells it on its first run.
                network.Run([tokenizer.Encode("a", _options.MaxSequenceLength)], tokenizer.PaddingId, _options.Pooling, CancellationToken.None);
            }

            var name = folder.ReadName();
            var metadata = new EmbeddingGeneratorMetadata("onnxruntime-sentence-encoder", new Uri(folder.FullPath), name, network.Dimensions);
            return new Loaded(
                network,
                tokenizer,
                new SentenceEmbeddingGenerator(network, tokenizer, _options, _options.PassageInstruction, metadata),
                new SentenceEmbeddingGenerator(network, tokenizer, _options, _options.QueryInstruction, metadata),
                null,
                name);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or OnnxRuntimeException)
        {
            network?.Dispose();
            return Loaded.Off($"The text embedding model in {folder.FullPath} cannot be loaded: {exception.Message}");
        }
    }

    private sealed record Loaded(
        SentenceEncoderNetwork? Network,
        SentenceTokenizer? Tokenizer,
        IEmbeddingGenerator<string, Embedding<float>>? Passages,
        IEmbeddingGenerator<string, Embedding<float>>? Queries,
        string? Reason,
        string? Name = null)
    {
        public static Loaded Off(string reason) => new(null, null, null, null, reason);
    }
}
