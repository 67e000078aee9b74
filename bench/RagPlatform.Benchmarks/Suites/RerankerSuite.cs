using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Onnx.CrossEncoder;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Reranking;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`reranker`: what re-ranking adds to a query. The platform's cross-encoder step
/// (tokenisation + ONNX Runtime, batched as in production) on a MiniLM-L6-sized graph, for
/// Reranking:TopN passages of a given length. Tokenisation is also timed alone.</summary>
internal static class RerankerSuite
{
    private const string Query = "quayside throughput of the harbour in kilotonnes per quarter";

    private static readonly string[] Words =
        "the harbour authority reported that container throughput at the quayside rose in the third quarter while bulk cargo fell and the cranes on the eastern berth were replaced".Split(' ');

    public static async Task<int> RunAsync(BenchSettings settings, IReadOnlyList<int> topNs, IReadOnlyList<int> passageTokens, int? iterations, int? warmup, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("reranker", settings);
        BenchConsole.Heading($"reranker: MiniLM-L6-sized cross-encoder, top-N {string.Join(", ", topNs)}, passages of {string.Join(", ", passageTokens)} tokens");
        var folder = await EnsureModelAsync(settings, cancellationToken).ConfigureAwait(false);
        var options = new RerankingOptions { IntraOpThreads = settings.IntraOpThreads ?? 0 };
        using var reranker = new OnnxCrossEncoderReranker(new BertModelFolder(folder), options, NullLogger<OnnxCrossEncoderReranker>.Instance);
        if (!reranker.IsEnabled)
        {
            BenchConsole.Fail(reranker.DisabledReason ?? "the cross-encoder did not load");
            return 1;
        }

        var tokenizer = CrossEncoderTokenizer.Load(Path.Combine(folder, BertModelFolder.Vocabulary), lowerCase: true);
        var rows = new List<RerankerRow>();
        foreach (var tokens in passageTokens)
        {
            foreach (var topN in topNs)
            {
                var passages = Enumerable.Range(0, topN).Select(i => Passage(tokens, i)).ToList();
                var calls = iterations ?? Math.Max(3, 400 / topN * 128 / tokens);
                var latency = await Measurement.RunAsync(warmup ?? 1, calls,
                    async (_, token) => await reranker.ScoreAsync(Query, passages, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                var tokenizing = Measurement.Run(1, calls, _ => passages.ForEach(p => tokenizer.EncodePair(Query, p, options.MaxSequenceLength)));
                var row = new RerankerRow(tokens, topN, latency, tokenizing.MeanMs, latency.Throughput(topN));
                rows.Add(row);
                run.Add(row);
                BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                    $"  {tokens} tokens × {topN}: p50 {latency.P50Ms:F0} ms, {row.PairsPerSecond:F0} pairs/s, tokenising {row.TokenizeMeanMs:F1} ms"));
            }
        }

        BenchConsole.Table(["passage tokens", "top-N", "calls", "p50 ms", "p95 ms", "pairs/s", "tokenising ms"], rows.Select(row => (IReadOnlyList<string>)
        [
            Cell.Of(row.PassageTokens), Cell.Of(row.TopN), Cell.Of(row.Latency.Iterations), Cell.Of(row.Latency.P50Ms, "F0"),
            Cell.Of(row.Latency.P95Ms, "F0"), Cell.Of(row.PairsPerSecond, "F0"), Cell.Of(row.TokenizeMeanMs, "F1"),
        ]), labelColumns: 2);
        run.Note($"Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>About <paramref name="tokens"/> WordPiece tokens of plain words (each is one token),
    /// shifted per passage so that no two passages are equal.</summary>
    private static string Passage(int tokens, int index) =>
        string.Join(' ', Enumerable.Range(index, tokens).Select(i => Words[i % Words.Length]));

    private static async Task<string> EnsureModelAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(settings.ModelsDirectory, "cross-encoder-minilm-l6-" + settings.Seed.ToString(CultureInfo.InvariantCulture));
        var model = Path.Combine(folder, "model.onnx");
        if (!File.Exists(model))
        {
            Directory.CreateDirectory(folder);
            BenchConsole.Info($"Generating the cross-encoder graph into {folder} …");
            await OnnxGraphWriter.WriteAsync(MiniLmCrossEncoderGraph.Build(settings.Seed), model + ".partial", "MiniLM-L6-sized cross-encoder, random weights", cancellationToken).ConfigureAwait(false);
            File.Move(model + ".partial", model, overwrite: true);
        }

        File.Copy(Path.Combine(BenchPaths.RepositoryRoot, "tests", "fixtures", "reranker", "vocab.txt"), Path.Combine(folder, BertModelFolder.Vocabulary), overwrite: true);
        return folder;
    }

    private sealed record RerankerRow(int PassageTokens, int TopN, LatencySummary Latency, double TokenizeMeanMs, double PairsPerSecond);
}
