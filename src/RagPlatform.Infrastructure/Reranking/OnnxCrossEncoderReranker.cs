using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Reranking;

/// <summary>Re-ranking with a cross-encoder (query and passage read together by one transformer) on
/// ONNX Runtime. Off when switched off or when its model folder does not exist (it is optional);
/// when the folder exists but is unusable, off with a warning that says what to fix. Loads once, on first use (the start-up check makes that
/// happen at start-up). Thread-safe.</summary>
internal sealed class OnnxCrossEncoderReranker : IReranker, IDisposable
{
    private const string FetchHint =
        "Run scripts/fetch-reranker-model.sh to download cross-encoder/ms-marco-MiniLM-L6-v2 into models/reranker, or point Reranking:ModelDirectory at a folder with model.onnx and vocab.txt.";

    private readonly BertModelFolder? _folder;
    private readonly RerankingOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<Loaded> _loaded;
    private int _disposed;

    /// <param name="folder">The configured model folder; null when re-ranking is switched off.</param>
    public OnnxCrossEncoderReranker(BertModelFolder? folder, RerankingOptions options, ILogger<OnnxCrossEncoderReranker> logger)
    {
        _folder = folder;
        _options = options;
        _logger = logger;
        _loaded = new(Load);
    }

    public bool IsEnabled => _loaded.Value.Network is not null;

    public string? DisabledReason => _loaded.Value.Reason;

    public int TopN => _options.TopN;

    public Task<IReadOnlyList<double>> ScoreAsync(string query, IReadOnlyList<string> passages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(passages);
        var loaded = _loaded.Value;
        if (loaded.Network is not { } network || loaded.Tokenizer is not { } tokenizer)
        {
            throw new InvalidOperationException("Re-ranking is off: " + loaded.Reason);
        }

        return Task.Run<IReadOnlyList<double>>(() =>
        {
            var clock = Stopwatch.StartNew();
            var pairs = passages.Select(passage => tokenizer.EncodePair(query, passage, _options.MaxSequenceLength)).ToList();
            var scores = new double[pairs.Count];

            // Pairs of similar length share a batch, so little of each run is padding.
            var byLength = Enumerable.Range(0, pairs.Count).OrderBy(index => pairs[index].Ids.Length).ToList();
            foreach (var chunk in byLength.Chunk(_options.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var logits = network.Run([.. chunk.Select(index => pairs[index])], tokenizer.PaddingId, cancellationToken);
                for (var i = 0; i < chunk.Length; i++)
                {
                    scores[chunk[i]] = logits[i];
                }
            }

            RerankingLog.Scored(_logger, pairs.Count, clock.ElapsedMilliseconds);
            return scores;
        }, cancellationToken);
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _loaded.Value.Network?.Dispose();
        }
    }

    private Loaded Load()
    {
        if (_folder is null)
        {
            return new Loaded(null, null, $"Switched off ({RerankingOptions.SectionName}:ModelDirectory is empty).");
        }

        if (!Directory.Exists(_folder.FullPath))
        {
            // Re-ranking is optional: a model never fetched is worth a note, not a warning.
            var reason = $"No cross-encoder in {_folder.FullPath}. {FetchHint}";
            RerankingLog.NotInstalled(_logger, reason);
            return new Loaded(null, null, reason);
        }

        var clock = Stopwatch.StartNew();
        var loaded = TryLoad(_folder);
        if (loaded.Network is null)
        {
            RerankingLog.Unavailable(_logger, loaded.Reason!);
        }
        else
        {
            RerankingLog.Loaded(_logger, _folder.FullPath, _options.TopN, clock.ElapsedMilliseconds);
        }

        return loaded;
    }

    private Loaded TryLoad(BertModelFolder folder)
    {
        if (folder.Problem() is { } problem)
        {
            return new Loaded(null, null, $"{problem} {FetchHint}");
        }

        try
        {
            var tokenizer = CrossEncoderTokenizer.Load(folder.VocabularyPath, folder.ReadLowerCase());
            using var sessionOptions = new SessionOptions { IntraOpNumThreads = _options.IntraOpThreads };
            return new Loaded(CrossEncoderNetwork.Open(folder.ModelPath!, sessionOptions), tokenizer, null);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return new Loaded(null, null, $"The cross-encoder in {folder.FullPath} cannot be loaded: {exception.Message}");
        }
    }

    private sealed record Loaded(CrossEncoderNetwork? Network, CrossEncoderTokenizer? Tokenizer, string? Reason);
}
