using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Ingestion;

/// <summary>Bounds per document: pages, time, and turns, so that no document holds a worker while
/// the ones queued behind it wait.</summary>
public sealed class DocumentLimitsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_document_over_the_page_limit_fails_at_once_naming_its_pages_the_limit_and_the_setting()
    {
        await using var factory = new PlatformFactory(withModel: false, settings: new Dictionary<string, string> { ["Extraction:MaxPages"] = "2" });
        var client = new PlatformClient(factory.CreateClient());

        var upload = await client.UploadAsync(SamplePdfs.Report(), "report.pdf");
        var failed = await client.WaitUntilFinishedAsync(upload.Document.Id);

        Assert.Equal(DocumentStatus.Failed, failed.Document.Status);
        Assert.Equal("The document has 3 pages; the limit is 2 (Extraction:MaxPages).", failed.Document.Error);
        Assert.Empty(failed.Items);
    }

    [Fact]
    public async Task A_document_that_takes_longer_than_the_time_limit_fails_naming_the_limit_and_the_setting()
    {
        await using var factory = new PlatformFactory(withModel: false, settings: new Dictionary<string, string>
        {
            ["Ingestion:DocumentTimeout"] = "00:00:02",
            ["Extraction:PageTimeout"] = "01:00:00",
        });
        var client = new PlatformClient(factory.CreateClient());
        var bomb = await File.ReadAllBytesAsync(RepositoryPaths.Hostile("form-xobject-bomb.pdf"), Token);

        var upload = await client.UploadAsync(bomb, "bomb.pdf");
        var failed = await client.WaitUntilFinishedAsync(upload.Document.Id);

        Assert.Equal(DocumentStatus.Failed, failed.Document.Status);
        Assert.StartsWith("Ingestion took longer than the time limit of 00:00:02 per document (Ingestion:DocumentTimeout); it stopped ", failed.Document.Error, StringComparison.Ordinal);
        Assert.Empty(failed.Items);
    }

    [Fact]
    public async Task A_long_document_lets_a_document_queued_behind_it_go_first_then_finishes_every_page_exactly_once()
    {
        var data = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // Both are queued before any worker runs: the long one first, so it is claimed first.
            Guid manual, memo;
            await using (var uploader = new PlatformFactory(withModel: false, dataDirectory: data, workers: 0))
            {
                var client = new PlatformClient(uploader.CreateClient());
                manual = (await client.UploadAsync(SamplePdfs.Pages(8, "manual"), "manual.pdf")).Document.Id;
                memo = (await client.UploadAsync(SamplePdfs.WithText("A short memo about lighthouses."), "memo.pdf")).Document.Id;
            }

            await using var factory = new PlatformFactory(withModel: false, dataDirectory: data, settings: new Dictionary<string, string> { ["Ingestion:PagesPerTurn"] = "2" });
            var worker = new PlatformClient(factory.CreateClient());
            var longOne = await worker.WaitUntilFinishedAsync(manual, TimeSpan.FromMinutes(2));
            var shortOne = await worker.WaitUntilFinishedAsync(memo, TimeSpan.FromMinutes(2));
            var hits = (await worker.SearchTextAsync("manual page", "&limit=50")).Hits.Where(h => h.DocumentId == manual).ToList();

            Assert.Equal(DocumentStatus.Ready, shortOne.Document.Status);
            Assert.Equal(DocumentStatus.Ready, longOne.Document.Status);
            Assert.True(shortOne.Document.UpdatedAt < longOne.Document.UpdatedAt, "The memo waited for the whole manual.");
            Assert.Equal(8, longOne.Document.Progress.PagesDone);
            Assert.Equal(Enumerable.Range(1, 8), longOne.Pages.Select(p => p.Number).Order());
            Assert.Equal(longOne.Items.Count, longOne.Document.ItemCount);
            Assert.Equal(longOne.Items.Count, longOne.Items.Select(i => i.Id).Distinct().Count());
            Assert.Equal(Enumerable.Range(1, 8), hits.Select(h => h.Page).Distinct().Order());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
