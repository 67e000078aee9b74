using System.Net;
using System.Net.Http.Json;
using RagPlatform.Api.Status;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.OnnxGraphs.Models;

namespace RagPlatform.Api.Tests.Search;

/// <summary>The text space through the real host: a generated sentence encoder (token embedding plus
/// the sequence's mean, bge's inputs and output) with BERT's real vocabulary in the folder named by
/// Embeddings:Text:ModelDirectory. Its word embeddings give "harbour" and "cranes" one direction,
/// "orchard" and "apples" another, every other word small noise: a text's vector points where its
/// topic words are. CLIP is off, so every dense hit comes from the text space.</summary>
public sealed class TextSpaceTests : IAsyncLifetime
{
    private const int Dimensions = 6;
    private readonly string _modelFolder = Path.Combine(Path.GetTempPath(), "ragplatform-text-space-api", Guid.NewGuid().ToString("N"));
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_modelFolder);
        var vocabulary = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "reranker", "vocab.txt");
        File.Copy(vocabulary, Path.Combine(_modelFolder, "vocab.txt"));
        var lines = await File.ReadAllLinesAsync(vocabulary, TestContext.Current.CancellationToken);
        var random = new Random(7);
        var tokens = new float[lines.Length * Dimensions];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = (float)(random.NextDouble() * 0.02);
        }

        foreach (var (word, axis) in new[] { ("harbour", 0), ("cranes", 0), ("orchard", 1), ("apples", 1) })
        {
            tokens[(Array.IndexOf(lines, word) * Dimensions) + axis] = 10f;
        }

        await ContextSentenceEncoder.WriteAsync(Path.Combine(_modelFolder, "model.onnx"), tokens, new float[2 * Dimensions], Dimensions);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_modelFolder, recursive: true);
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_text_query_in_dense_mode_finds_the_passage_of_its_topic_through_the_text_space()
    {
        await using var factory = WithTextModel();
        var client = new PlatformClient(factory.CreateClient());
        await client.IngestAsync(SamplePdfs.WithText("The orchard apples ripen in autumn."), "orchard.pdf");
        await client.IngestAsync(SamplePdfs.WithText("Harbour cranes lift the containers."), "harbour.pdf");

        var result = await client.SearchTextAsync("cranes at the harbour", "&mode=dense&modality=text");

        Assert.Equal("dense", result.Mode);
        Assert.Equal(SearchService.ClipOffNotice, result.Notice);
        Assert.Equal("harbour.pdf", result.Hits[0].DocumentName);
        Assert.NotNull(result.Hits[0].Score.TextSpace);
        Assert.Equal(1, result.Hits[0].Score.TextSpaceRank);
        Assert.Null(result.Hits[0].Score.Dense);
        Assert.True(result.Hits[0].Score.TextSpace > result.Hits.Single(h => h.DocumentName == "orchard.pdf").Score.TextSpace);
    }

    [Fact]
    public async Task A_hybrid_search_fuses_the_text_space_with_the_lexical_list()
    {
        await using var factory = WithTextModel();
        var client = new PlatformClient(factory.CreateClient());
        await client.IngestAsync(SamplePdfs.WithText("The orchard apples ripen in autumn."), "orchard.pdf");
        await client.IngestAsync(SamplePdfs.WithText("Harbour cranes lift the containers."), "harbour.pdf");

        var result = await client.SearchTextAsync("containers", "&modality=text");

        Assert.Equal("hybrid", result.Mode);
        var first = result.Hits[0];
        Assert.Equal("harbour.pdf", first.DocumentName);
        Assert.NotNull(first.Score.Lexical);
        Assert.NotNull(first.Score.TextSpace);
    }

    [Fact]
    public async Task Status_reports_the_text_model_and_one_vector_per_text_item_and_a_delete_removes_them()
    {
        await using var factory = WithTextModel();
        var client = new PlatformClient(factory.CreateClient());
        var document = await client.IngestAsync(SamplePdfs.WithText("Harbour cranes lift the containers."), "harbour.pdf");

        var status = await StatusAsync(client);

        Assert.NotNull(status.TextSpace);
        Assert.True(status.TextSpace.Available, status.TextSpace.Reason);
        Assert.Equal(Dimensions, status.TextSpace.Dimensions);
        Assert.Equal(Path.GetFileName(_modelFolder), status.TextSpace.Model);
        Assert.Equal(status.Items[Modality.Text], status.TextSpace.Vectors);
        Assert.True(status.TextSpace.Vectors > 0);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.DeleteAsync($"/api/documents/{document.Document.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, (await StatusAsync(client)).TextSpace!.Vectors);
    }

    [Fact]
    public async Task Reindexing_gives_a_document_ingested_before_the_model_was_installed_its_text_vectors()
    {
        Guid id;
        await using (var before = new PlatformFactory(withModel: false, dataDirectory: _data))
        {
            var client = new PlatformClient(before.CreateClient());
            id = (await client.IngestAsync(SamplePdfs.WithText("Harbour cranes lift the containers."), "harbour.pdf")).Document.Id;
            var off = await StatusAsync(client);
            Assert.False(off.TextSpace!.Available);
            Assert.Equal(0, off.TextSpace.Vectors);
        }

        await using var after = WithTextModel(_data);
        var reindexed = new PlatformClient(after.CreateClient());
        Assert.Equal(0, (await StatusAsync(reindexed)).TextSpace!.Vectors);

        (await reindexed.Http.PostAsync($"/api/documents/{id}/reindex", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await reindexed.WaitUntilFinishedAsync(id);

        var status = await StatusAsync(reindexed);
        Assert.True(status.TextSpace!.Vectors > 0);
        Assert.Equal(status.Items[Modality.Text], status.TextSpace.Vectors);
    }

    [Fact]
    public async Task Without_the_model_the_text_space_is_reported_off_with_how_to_install_it_and_dense_mode_is_refused()
    {
        await using var factory = new PlatformFactory(withModel: false, settings: new Dictionary<string, string>
        {
            ["Embeddings:Text:ModelDirectory"] = Path.Combine(_modelFolder, "not-installed"),
        });
        var client = new PlatformClient(factory.CreateClient());

        var status = await StatusAsync(client);
        var dense = await client.Http.GetAsync("/api/search?q=harbour&mode=dense", TestContext.Current.CancellationToken);

        Assert.False(status.TextSpace!.Available);
        Assert.Contains("scripts/fetch-text-model.sh", status.TextSpace.Reason, StringComparison.Ordinal);
        Assert.Null(status.TextSpace.Dimensions);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, dense.StatusCode);
    }

    private PlatformFactory WithTextModel(string? data = null) =>
        new(withModel: false, dataDirectory: data, settings: new Dictionary<string, string> { ["Embeddings:Text:ModelDirectory"] = _modelFolder });

    private static async Task<StatusDto> StatusAsync(PlatformClient client) =>
        (await client.Http.GetFromJsonAsync<StatusDto>("/api/status", PlatformClient.Json, TestContext.Current.CancellationToken))!;
}
