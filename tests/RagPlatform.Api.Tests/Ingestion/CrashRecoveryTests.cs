using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Api.Status;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Api.Tests.Ingestion;

/// <summary>A worker dies half-way through a document; the next process finishes it, exactly once.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_document_interrupted_mid_ingestion_is_invisible_then_finished_exactly_once_after_a_restart()
    {
        var pdf = SamplePdfs.Report();
        var data = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));
        Guid documentId;

        // The first process: nobody serves the queue, so we play a worker that dies after page 1.
        await using (var crashed = new PlatformFactory(dataDirectory: data, workers: 0))
        {
            var client = new PlatformClient(crashed.CreateClient());
            documentId = (await client.UploadAsync(pdf, "report.pdf")).Document.Id;
            await IngestFirstPageThenDieAsync(crashed.Services, documentId);

            var stranded = await client.GetAsync(documentId);
            Assert.Equal(DocumentStatus.Processing, stranded.Document.Status);
            Assert.NotEmpty(stranded.Items);
            Assert.DoesNotContain((await client.SearchTextAsync("lighthouse keepers")).Hits, h => h.DocumentId == documentId);
        }

        // The restarted process: its worker claims the job once the dead worker's lease expires.
        await using var restarted = new PlatformFactory(dataDirectory: data);
        try
        {
            var after = new PlatformClient(restarted.CreateClient());
            var finished = await after.WaitUntilFinishedAsync(documentId);
            var status = await after.Http.GetFromJsonAsync<StatusDto>("/api/status", PlatformClient.Json, TestContext.Current.CancellationToken);

            Assert.Equal(DocumentStatus.Ready, finished.Document.Status);
            Assert.Equal(3, finished.Document.Progress.PagesDone);
            Assert.Equal(finished.Items.Count, finished.Document.ItemCount);
            Assert.Equal(finished.Items.Count, finished.Items.Select(i => i.Id).Distinct().Count());
            Assert.Equal(finished.Items.Count, status!.Vectors);
            Assert.Equal(0, status.QueueLength);
            Assert.Contains((await after.SearchTextAsync("lighthouse keepers")).Hits, h => h.DocumentId == documentId && h.Page == 1);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>What a worker does before it crashes: claims the job (with a one-second lease that
    /// nobody renews), marks the document processing, stores page 1 — and stops.</summary>
    private static async Task IngestFirstPageThenDieAsync(IServiceProvider services, Guid documentId)
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = services.GetRequiredService<IJobQueue>();
        var store = services.GetRequiredService<IDocumentStore>();
        var blobs = services.GetRequiredService<IBlobStore>();
        var extractor = services.GetRequiredService<IDocumentExtractor>();
        var pages = services.GetRequiredService<PageIndexer>();

        var job = await queue.ClaimNextAsync("dead-worker", TimeSpan.FromSeconds(1), ct);
        Assert.Equal(documentId, job?.DocumentId);
        var document = (await store.GetAsync(documentId, ct))! with { Status = DocumentStatus.Processing, PagesTotal = 3 };
        await store.UpdateAsync(document, ct);

        using var opened = await extractor.OpenAsync(await blobs.GetLocalPathAsync(BlobKeys.Original(documentId), ct), DocumentKind.Pdf, ct);
        var items = await pages.IndexAsync(document, await opened.ExtractPageAsync(1, ct), ct);
        await store.UpdateAsync(document with { PagesDone = 1, ItemCount = items }, ct);
    }
}
