using System.Net;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Collections;

/// <summary>A document in one collection is never found, listed, answered from or served through
/// another: lexical and dense search, image search, chat, conversations and the files of documents
/// and items. The same bytes in two collections are two documents.</summary>
/// <remarks>One subclass per storage engine combination.</remarks>
public abstract class CollectionIsolationScenarios : IAsyncLifetime
{
    private PlatformFactory factory = null!;
    private CollectionRequests api = null!;
    private DocumentDetailsDto inA = null!;
    private DocumentDetailsDto chartInA = null!;
    private DocumentDetailsDto inB = null!;

    public async ValueTask InitializeAsync()
    {
        factory = new PlatformFactory(settings: await StartBackendAsync());
        api = new CollectionRequests(factory.CreateClient());
        inA = await api.IngestAsync(SamplePdfs.WithText("The harbour master logs every mooring fee of the alpha fleet."), "alpha.pdf", "a");
        chartInA = await api.IngestAsync(SampleImages.BarChartPng(), "chart.png", "a");
        inB = await api.IngestAsync(SamplePdfs.WithText("The harbour office of the bravo fleet keeps its own ledger."), "bravo.pdf", "b", asFormField: true);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await StopBackendAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the engines the platform runs on for this test; the settings naming them.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string>> StartBackendAsync();

    protected virtual ValueTask StopBackendAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Listing_shows_each_collection_its_own_documents_and_the_default_none()
    {
        Assert.Equal([inA.Document.Id, chartInA.Document.Id], (await api.ListAsync("a")).Select(d => d.Id).Order());
        Assert.Equal([inB.Document.Id], (await api.ListAsync("b")).Select(d => d.Id));
        Assert.Empty(await api.ListAsync(CollectionName.Default));
        Assert.Empty((await new PlatformClient(api.Http).SearchTextAsync("harbour")).Hits);
    }

    [Fact]
    public async Task Status_counts_the_vectors_of_the_collection_asked_for_alone()
    {
        // Every item of these documents has a CLIP vector, so a collection's items are its vectors.
        var a = await api.StatusAsync("a");
        var b = await api.StatusAsync("b");

        Assert.Equal(("a", inA.Items.Count + chartInA.Items.Count), (a.Collection, a.Vectors));
        Assert.Equal(("b", inB.Items.Count), (b.Collection, b.Vectors));
        Assert.Equal(0, (await api.StatusAsync(CollectionName.Default)).Vectors);
    }

    [Theory]
    [InlineData("lexical")]
    [InlineData("dense")]
    [InlineData("hybrid")]
    public async Task Search_in_every_mode_finds_only_the_collection_asked_for(string mode)
    {
        var inBHits = (await api.SearchAsync("harbour fleet", "b", mode)).Hits;
        var inAHits = (await api.SearchAsync("harbour fleet", "a", mode)).Hits;

        Assert.NotEmpty(inBHits);
        Assert.All(inBHits, hit => Assert.Equal(inB.Document.Id, hit.DocumentId));
        Assert.NotEmpty(inAHits);
        Assert.All(inAHits, hit => Assert.Contains(hit.DocumentId, new[] { inA.Document.Id, chartInA.Document.Id }));
    }

    [Fact]
    public async Task Image_search_finds_only_the_collection_asked_for()
    {
        var hits = (await api.SearchImageAsync(SampleImages.BarChartPng(), "b")).Hits;

        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Equal(inB.Document.Id, hit.DocumentId));
        Assert.Contains((await api.SearchImageAsync(SampleImages.BarChartPng(), "a")).Hits, hit => hit.DocumentId == chartInA.Document.Id);
    }

    [Fact]
    public async Task A_document_filter_naming_a_document_of_another_collection_finds_nothing_and_says_so()
    {
        var response = await api.SearchAsync("harbour", $"b&documentId={inA.Document.Id}");

        Assert.Empty(response.Hits);
        Assert.Contains($"No document has the id {inA.Document.Id}", response.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_and_conversations_stay_in_their_collection()
    {
        var answer = await api.AnswerAsync("What does the harbour office keep?", "b");

        Assert.NotEmpty(answer.Sources);
        Assert.All(answer.Sources, source => Assert.Equal(inB.Document.Id, source.DocumentId));
        Assert.Contains(await api.ConversationsAsync("b"), c => c.Id == answer.ConversationId && c.Collection == "b");
        Assert.DoesNotContain(await api.ConversationsAsync("a"), c => c.Id == answer.ConversationId);
        // A follow-up through another collection is refused as for an unknown conversation.
        using var followUp = await api.AskAsync("And the fees?", "a", answer.ConversationId);
        Assert.Equal(HttpStatusCode.NotFound, followUp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await api.StatusOfAsync($"/api/conversations/{answer.ConversationId}?collection=a"));
        Assert.Equal(HttpStatusCode.OK, await api.StatusOfAsync($"/api/conversations/{answer.ConversationId}?collection=b"));
        Assert.All((await api.AnswerAsync("And the fees?", "b", answer.ConversationId)).Sources, source => Assert.Equal(inB.Document.Id, source.DocumentId));
    }

    [Fact]
    public async Task Files_and_item_images_of_a_document_are_not_served_through_another_collection()
    {
        var id = inA.Document.Id;
        var item = inA.Items[0].Id;
        string[] paths = [$"/api/documents/{id}", $"/api/documents/{id}/original", $"/api/documents/{id}/thumbnail", $"/api/documents/{id}/pages/1/image", $"/api/items/{item}/image"];

        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.NotFound, await api.StatusOfAsync($"{path}?collection=b"));
            Assert.Equal(HttpStatusCode.OK, await api.StatusOfAsync($"{path}?collection=a"));
            Assert.Equal(HttpStatusCode.OK, await api.StatusOfAsync(path)); // keyless: every collection
        }

        using var delete = await api.Http.DeleteAsync($"/api/documents/{id}?collection=b", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await api.StatusOfAsync($"/api/documents/{id}"));
    }

    [Fact]
    public async Task The_same_bytes_are_a_new_document_in_another_collection_and_a_duplicate_in_the_same()
    {
        var bytes = await api.Http.GetByteArrayAsync($"/api/documents/{inB.Document.Id}/original", TestContext.Current.CancellationToken);

        var again = await api.UploadAsync(bytes, "bravo-again.pdf", "b");
        var elsewhere = await api.UploadAsync(bytes, "bravo-copy.pdf", "c");

        Assert.True(again.Duplicate);
        Assert.Equal(inB.Document.Id, again.Document.Id);
        Assert.False(elsewhere.Duplicate);
        Assert.NotEqual(inB.Document.Id, elsewhere.Document.Id);
        Assert.Equal("c", elsewhere.Document.Collection);
    }

    [Fact]
    public async Task Eight_concurrent_identical_uploads_into_one_collection_make_one_document()
    {
        var bytes = SamplePdfs.Pages(2, "lighthouse");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => api.UploadAsync(bytes, $"copy-{n}.pdf", "race"))));

        Assert.Single(results.Select(r => r.Document.Id).Distinct());
        Assert.Equal(7, results.Count(r => r.Duplicate));
        Assert.Single(await api.ListAsync("race"));
    }
}
