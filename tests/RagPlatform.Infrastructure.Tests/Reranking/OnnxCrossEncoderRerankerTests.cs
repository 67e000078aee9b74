using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.Infrastructure.Reranking;
using RagPlatform.OnnxGraphs.Models;

namespace RagPlatform.Infrastructure.Tests.Reranking;

public sealed class OnnxCrossEncoderRerankerTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ragplatform-reranker-tests", Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(RerankerFixtures.Vocabulary, Path.Combine(_folder, "vocab.txt"));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Each_passage_gets_the_logit_the_network_gives_its_pair()
    {
        await WriteModelAsync("harbour", "cranes");
        using var reranker = Open();

        var scores = await reranker.ScoreAsync(
            "harbour cranes",
            ["the harbour has three cranes and one harbour master", "no match here", "cranes"],
            TestContext.Current.CancellationToken);

        Assert.True(reranker.IsEnabled, reranker.DisabledReason);
        Assert.Equal([3.0, 0.0, 1.0], scores);
    }

    [Fact]
    public async Task Scores_in_a_padded_batch_equal_scores_one_pair_at_a_time()
    {
        await WriteModelAsync("harbour", "cranes");
        using var batched = Open(new RerankingOptions { BatchSize = 8 });
        using var single = Open(new RerankingOptions { BatchSize = 1 });
        string[] passages =
        [
            "cranes",
            "a much longer passage about the harbour, its cranes, its quays and the harbour office",
            "harbour",
            "nothing relevant at all in this one, however long it goes on and on",
        ];

        var together = await batched.ScoreAsync("harbour cranes", passages, TestContext.Current.CancellationToken);
        var alone = new List<double>();
        foreach (var passage in passages)
        {
            alone.AddRange(await single.ScoreAsync("harbour cranes", [passage], TestContext.Current.CancellationToken));
        }

        Assert.Equal(alone, together);
        Assert.Equal([1.0, 3.0, 1.0, 0.0], together);
    }

    [Fact]
    public async Task A_passage_longer_than_the_model_reads_is_scored_on_its_beginning()
    {
        await WriteModelAsync("cranes");
        using var reranker = Open(new RerankingOptions { MaxSequenceLength = 64 });

        var scores = await reranker.ScoreAsync("cranes", [string.Join(' ', Enumerable.Repeat("cranes", 1000))], TestContext.Current.CancellationToken);

        // 64 tokens = [CLS] cranes [SEP] + 60 passage tokens + [SEP].
        Assert.Equal([60.0], scores);
    }

    [Fact]
    public async Task A_network_without_token_types_is_fed_only_the_inputs_it_declares()
    {
        await WriteModelAsync(["cranes"], withTokenTypes: false);
        using var reranker = Open();

        var scores = await reranker.ScoreAsync("cranes", ["two cranes and more cranes"], TestContext.Current.CancellationToken);

        // Without segments the graph counts the query's own "cranes" too.
        Assert.Equal([3.0], scores);
    }

    [Fact]
    public async Task The_Hugging_Face_layout_with_the_model_under_onnx_is_found()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "onnx"));
        await OverlapCrossEncoder.WriteAsync(Path.Combine(_folder, "onnx", "model.onnx"), RerankerFixtures.VocabularySize, [RerankerFixtures.IdOf("cranes")], paddingId: 0);
        using var reranker = Open();

        Assert.True(reranker.IsEnabled, reranker.DisabledReason);
    }

    [Fact]
    public void Without_a_configured_folder_re_ranking_is_switched_off()
    {
        using var reranker = new OnnxCrossEncoderReranker(null, new RerankingOptions(), NullLogger<OnnxCrossEncoderReranker>.Instance);

        Assert.False(reranker.IsEnabled);
        Assert.Contains("Reranking:ModelDirectory is empty", reranker.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_does_not_exist_turns_re_ranking_off_and_says_how_to_fetch_the_model()
    {
        using var reranker = new OnnxCrossEncoderReranker(new BertModelFolder(Path.Combine(_folder, "absent")), new RerankingOptions(), NullLogger<OnnxCrossEncoderReranker>.Instance);

        Assert.False(reranker.IsEnabled);
        Assert.Contains("scripts/fetch-reranker-model.sh", reranker.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_the_vocabulary_names_the_missing_file()
    {
        await WriteModelAsync("cranes");
        File.Delete(Path.Combine(_folder, "vocab.txt"));
        using var reranker = Open();

        Assert.False(reranker.IsEnabled);
        Assert.Contains("vocab.txt", reranker.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_ONNX_model_is_reported_not_thrown()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "model.onnx"), "<html>404 Not Found</html>", TestContext.Current.CancellationToken);
        using var reranker = Open();

        Assert.False(reranker.IsEnabled);
        Assert.Contains("not a loadable ONNX model", reranker.DisabledReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reranker.ScoreAsync("q", ["p"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_network_with_other_inputs_is_refused_as_not_a_cross_encoder()
    {
        var clipText = Path.Combine(AppContext.BaseDirectory, "fixtures", "clip", "model", "text_model.onnx");
        File.Copy(clipText, Path.Combine(_folder, "model.onnx"));
        using var reranker = Open();

        Assert.False(reranker.IsEnabled);
        Assert.Contains("is not a cross-encoder", reranker.DisabledReason, StringComparison.Ordinal);
    }

    private Task WriteModelAsync(params string[] relevantWords) => WriteModelAsync(relevantWords, withTokenTypes: true);

    private Task WriteModelAsync(string[] relevantWords, bool withTokenTypes) =>
        OverlapCrossEncoder.WriteAsync(
            Path.Combine(_folder, "model.onnx"),
            RerankerFixtures.VocabularySize,
            [.. relevantWords.Select(RerankerFixtures.IdOf)],
            paddingId: RerankerFixtures.IdOf("[PAD]"),
            withTokenTypes);

    private OnnxCrossEncoderReranker Open(RerankingOptions? options = null) =>
        new(new BertModelFolder(_folder), options ?? new RerankingOptions(), NullLogger<OnnxCrossEncoderReranker>.Instance);
}
