using System.Net.Http.Json;
using RagPlatform.Api.Status;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;
using RagPlatform.OnnxGraphs.Models;

namespace RagPlatform.Api.Tests.Search;

/// <summary>The cross-encoder step through the real host: a generated cross-encoder (it scores a
/// passage by how often the query's words occur in it) in a model folder named by
/// Reranking:ModelDirectory, with BERT's real vocabulary.</summary>
public sealed class RerankingTests : IAsyncLifetime
{
    private readonly string _modelFolder = Path.Combine(Path.GetTempPath(), "ragplatform-reranker-api", Guid.NewGuid().ToString("N"));
    private PlatformFactory _factory = null!;
    private PlatformClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_modelFolder);
        var vocabulary = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "reranker", "vocab.txt");
        File.Copy(vocabulary, Path.Combine(_modelFolder, "vocab.txt"));
        var lines = await File.ReadAllLinesAsync(vocabulary);
        await OverlapCrossEncoder.WriteAsync(
            Path.Combine(_modelFolder, "model.onnx"), lines.Length, [Array.IndexOf(lines, "harbour"), Array.IndexOf(lines, "cranes")], Array.IndexOf(lines, "[PAD]"));

        _factory = new PlatformFactory(settings: new Dictionary<string, string> { ["Reranking:ModelDirectory"] = _modelFolder, ["Reranking:TopN"] = "10" });
        _client = new PlatformClient(_factory.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_modelFolder, recursive: true);
    }

    [Fact]
    public async Task Text_hits_are_reordered_by_the_cross_encoder_and_carry_its_score()
    {
        await IngestPassagesAsync();

        var result = await _client.SearchTextAsync("harbour cranes", "&mode=lexical");

        var text = result.Hits.Where(h => h.Modality == Modality.Text).ToList();
        Assert.Equal(["six-mentions.pdf", "two-mentions.pdf", "one-mention.pdf"], text.Select(h => h.DocumentName));
        Assert.Equal([6.0, 2.0, 1.0], text.Select(h => h.Score.Rerank ?? double.NaN));

        // BM25 alone ranks the short passage with both words above the long one: the order is the cross-encoder's.
        Assert.True(text[1].Score.Lexical > text[0].Score.Lexical);
    }

    [Fact]
    public async Task A_passage_the_cross_encoder_lifts_from_below_the_limit_enters_the_result()
    {
        await IngestPassagesAsync();

        var lexicalFirst = await _client.SearchTextAsync("harbour cranes", "&mode=lexical&modality=text&limit=3");
        var result = await _client.SearchTextAsync("harbour cranes", "&mode=lexical&modality=text&limit=1");

        // BM25 alone would put two-mentions.pdf first; the cross-encoder reads the first TopN hits, not just the one asked for.
        Assert.True(lexicalFirst.Hits.Single(h => h.DocumentName == "two-mentions.pdf").Score.Lexical > lexicalFirst.Hits.Single(h => h.DocumentName == "six-mentions.pdf").Score.Lexical);
        Assert.Equal("six-mentions.pdf", Assert.Single(result.Hits).DocumentName);
    }

    [Fact]
    public async Task Status_reports_re_ranking_on_with_how_many_hits_it_reads()
    {
        var status = await _client.Http.GetFromJsonAsync<StatusDto>("/api/status", PlatformClient.Json, TestContext.Current.CancellationToken);

        Assert.NotNull(status);
        Assert.True(status.Reranking.Enabled, status.Reranking.Reason);
        Assert.Equal(10, status.Reranking.TopN);
    }

    private async Task IngestPassagesAsync()
    {
        await _client.IngestAsync(SamplePdfs.WithText("Cranes."), "one-mention.pdf");
        await _client.IngestAsync(SamplePdfs.WithText("The harbour has cranes, harbour tugs, harbour pilots and more cranes along the harbour wall."), "six-mentions.pdf");
        await _client.IngestAsync(SamplePdfs.WithText("Harbour cranes."), "two-mentions.pdf");
    }
}
