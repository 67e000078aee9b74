using System.Net;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Consistency;

/// <summary>Deleting a document while a worker ingests it: the worker is stopped or fenced, and
/// nothing of the document is left in any store or folder.</summary>
public sealed class DeleteDuringIngestionTests
{
    private const int Pages = 6;

    [Fact]
    public async Task Twenty_deletes_at_varied_moments_of_ingestion_answer_204_and_leave_no_orphans()
    {
        // Two pages per turn: the document also yields and resumes while it is being deleted.
        await using var factory = new PlatformFactory(settings: new Dictionary<string, string> { ["Ingestion:PagesPerTurn"] = "2" });
        var client = new PlatformClient(factory.CreateClient());
        var statuses = new List<HttpStatusCode>();

        for (var round = 0; round < 20; round++)
        {
            var upload = await client.UploadAsync(SamplePdfs.Pages(Pages, $"harbour{round}"), $"delete-{round}.pdf");
            await IngestionMoments.WaitForAsync(client, upload.Document.Id, round % IngestionMoments.Count, Pages);
            using var response = await client.Http.DeleteAsync($"/api/documents/{upload.Document.Id}", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/documents/{upload.Document.Id}", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NoContent, status));
        // The in-process run was cancelled and awaited by each delete: nothing is left right away.
        Assert.Empty(await DataFolderOrphans.FindAsync(factory.DataDirectory));
        Assert.Empty((await client.SearchTextAsync("harbour3 page")).Hits);
    }

    [Fact]
    public async Task A_delete_fences_a_worker_of_another_process_so_nothing_it_writes_afterwards_remains()
    {
        // The API serves no queue; a second host on the same data folder, with its own memory, is
        // the standalone ingest worker. Only the store's fence can stop it.
        await using var api = new PlatformFactory(workers: 0);
        await using var worker = new PlatformFactory(dataDirectory: api.DataDirectory, settings: new Dictionary<string, string> { ["Ingestion:PagesPerTurn"] = "2" });
        var client = new PlatformClient(api.CreateClient());
        _ = worker.Services; // starts the worker host

        for (var round = 0; round < 5; round++)
        {
            var upload = await client.UploadAsync(SamplePdfs.Pages(Pages, $"quay{round}"), $"fenced-{round}.pdf");
            await IngestionMoments.WaitForAsync(client, upload.Document.Id, 1 + (round % 3), Pages);
            using var response = await client.Http.DeleteAsync($"/api/documents/{upload.Document.Id}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        // The other process stops before its next page and removes the files it wrote after the fence.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        IReadOnlyList<string> left;
        while ((left = await DataFolderOrphans.FindAsync(api.DataDirectory)).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Empty(left);
    }
}
