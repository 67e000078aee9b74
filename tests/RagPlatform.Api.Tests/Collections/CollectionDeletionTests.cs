using System.Net;
using System.Net.Http.Json;
using RagPlatform.Api.Collections;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Collections;

/// <summary>DELETE /api/collections/{name}: every document of the collection goes through the
/// consistent delete (also one still ingesting), its conversations with it; 0 orphans in any store or
/// folder, and the other collections intact.</summary>
public sealed class CollectionDeletionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleting_a_collection_leaves_nothing_of_it_and_the_other_collection_intact()
    {
        await using var factory = new PlatformFactory();
        var api = new CollectionRequests(factory.CreateClient());
        var ready = await api.IngestAsync(SamplePdfs.WithText("Tide tables for the north quay."), "tides.pdf", "gone");
        var chart = await api.IngestAsync(SampleImages.BarChartPng(), "chart.png", "gone");
        var kept = await api.IngestAsync(SamplePdfs.WithText("Tide tables for the south quay."), "south.pdf", "kept");
        var conversation = (await api.AnswerAsync("When is high tide?", "gone")).ConversationId;
        var keptConversation = (await api.AnswerAsync("When is high tide?", "kept")).ConversationId;
        // Still being ingested when the delete comes: its run is cancelled and fenced.
        var ingesting = (await api.UploadAsync(SamplePdfs.Pages(12, "quay"), "long.pdf", "gone")).Document.Id;
        var ids = new[] { ready.Document.Id, chart.Document.Id, ingesting };

        using var response = await api.Http.DeleteAsync("/api/collections/gone", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deleted = await response.Content.ReadFromJsonAsync<CollectionDeletedDto>(PlatformClient.Json, Token);
        Assert.Equal(new CollectionDeletedDto("gone", 3, 1), deleted);
        Assert.Empty(await DataFolderOrphans.FindForAsync(factory.DataDirectory, ids));
        Assert.Empty(await api.ListAsync("gone"));
        Assert.Empty((await api.SearchAsync("tide quay", "gone")).Hits);
        Assert.Equal(HttpStatusCode.NotFound, await api.StatusOfAsync($"/api/conversations/{conversation}"));

        Assert.Equal([kept.Document.Id], (await api.ListAsync("kept")).Select(d => d.Id));
        Assert.All((await api.SearchAsync("tide quay", "kept")).Hits, hit => Assert.Equal(kept.Document.Id, hit.DocumentId));
        Assert.NotEmpty((await api.SearchAsync("tide quay", "kept")).Hits);
        Assert.Equal(HttpStatusCode.OK, await api.StatusOfAsync($"/api/conversations/{keptConversation}"));
        Assert.Equal(HttpStatusCode.OK, await api.StatusOfAsync($"/api/items/{kept.Items[0].Id}/image"));
        var collections = await api.Http.GetFromJsonAsync<CollectionListDto>("/api/collections", PlatformClient.Json, Token);
        Assert.Equal([new CollectionDto("default", 0), new CollectionDto("kept", 1)], collections!.Collections);

        using var again = await api.Http.DeleteAsync("/api/collections/gone", Token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
