using System.Net;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Consistency;

/// <summary>Replacing a document while a worker ingests its old content, or twice at once: the old
/// run is stopped or fenced, the document ends with exactly one version's content, and nothing is
/// left behind once it is deleted.</summary>
public sealed class ReplaceDuringIngestionTests
{
    private const int Pages = 6;

    [Fact]
    public async Task Replacing_at_varied_moments_of_ingestion_leaves_only_the_new_content()
    {
        // Two pages per turn: the old content also yields and resumes while it is being replaced.
        await using var factory = new PlatformFactory(withModel: false, settings: new Dictionary<string, string> { ["Ingestion:PagesPerTurn"] = "2" });
        var client = new PlatformClient(factory.CreateClient());

        for (var round = 0; round < 8; round++)
        {
            var upload = await client.UploadAsync(SamplePdfs.Pages(Pages, $"oldword{round}"), $"replace-{round}.pdf");
            await IngestionMoments.WaitForAsync(client, upload.Document.Id, round % IngestionMoments.Count, Pages);

            using var response = await ReplaceRequests.SendAsync(client, SamplePdfs.Pages(3, $"newword{round}"), $"replace-{round}.pdf", upload.Document.Id.ToString());

            var result = await ReplaceRequests.ResultAsync(response);
            Assert.Equal(UploadOutcome.Replaced, result.Outcome);
            var finished = await client.WaitUntilFinishedAsync(upload.Document.Id);
            Assert.Equal(DocumentStatus.Ready, finished.Document.Status);
            Assert.Equal(3, finished.Pages.Count);
            Assert.All(finished.Items.Where(i => i.Modality == Modality.Text), item => Assert.Contains($"newword{round}", item.Text, StringComparison.Ordinal));
            Assert.Equal(0, await ReplaceRequests.RowsHoldingAsync(factory.DataDirectory, $"oldword{round}"));
            Assert.Equal(HttpStatusCode.NoContent, (await client.Http.DeleteAsync($"/api/documents/{upload.Document.Id}", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Empty(await DataFolderOrphans.FindAsync(factory.DataDirectory));
    }

    [Fact]
    public async Task Concurrent_replaces_of_one_document_leave_one_version_and_no_orphans()
    {
        await using var factory = new PlatformFactory(withModel: false);
        var client = new PlatformClient(factory.CreateClient());
        var stored = await client.IngestAsync(SamplePdfs.Pages(2, "original"), "chart.pdf");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            ReplaceRequests.SendAsync(client, SamplePdfs.Pages(2, $"version{i}"), "chart.pdf", stored.Document.Id.ToString())));

        var replaced = new List<int>();
        for (var i = 0; i < responses.Length; i++)
        {
            using var response = responses[i];
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                Assert.Equal(UploadOutcome.Replaced, (await ReplaceRequests.ResultAsync(response)).Outcome);
                replaced.Add(i);
            }
            else
            {
                // Lost the race: told so, and nothing of it was kept.
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            }
        }

        Assert.NotEmpty(replaced);
        var finished = await client.WaitUntilFinishedAsync(stored.Document.Id);
        Assert.Equal(DocumentStatus.Ready, finished.Document.Status);
        var winners = Enumerable.Range(0, responses.Length).Where(i => finished.Items.Any(item => (item.Text ?? string.Empty).Contains($"version{i} ", StringComparison.Ordinal))).ToList();
        Assert.Single(winners);
        Assert.Contains(winners[0], replaced);
        Assert.All(finished.Items.Where(i => i.Modality == Modality.Text), item => Assert.Contains($"version{winners[0]} ", item.Text, StringComparison.Ordinal));
        Assert.Equal(0, await ReplaceRequests.RowsHoldingAsync(factory.DataDirectory, "original"));

        await client.Http.DeleteAsync($"/api/documents/{stored.Document.Id}", TestContext.Current.CancellationToken);
        Assert.Empty(await DataFolderOrphans.FindAsync(factory.DataDirectory));
    }

    [Fact]
    public async Task A_replacement_waits_for_a_worker_of_another_process_so_nothing_it_writes_for_the_old_content_remains()
    {
        // The API serves no queue; a second host on the same data folder is the standalone worker.
        // Short leases so that the new job, which waits for the old worker's lease, comes soon.
        var settings = new Dictionary<string, string> { ["Ingestion:PagesPerTurn"] = "2", ["Ingestion:LeaseSeconds"] = "5" };
        await using var api = new PlatformFactory(withModel: false, workers: 0, settings: settings);
        await using var worker = new PlatformFactory(withModel: false, dataDirectory: api.DataDirectory, settings: settings);
        var client = new PlatformClient(api.CreateClient());
        _ = worker.Services; // starts the worker host

        for (var round = 0; round < 3; round++)
        {
            var upload = await client.UploadAsync(SamplePdfs.Pages(Pages, $"stale{round}"), $"remote-{round}.pdf");
            await IngestionMoments.WaitForAsync(client, upload.Document.Id, 1 + (round % 3), Pages);

            using var response = await ReplaceRequests.SendAsync(client, SamplePdfs.Pages(2, $"fresh{round}"), $"remote-{round}.pdf", upload.Document.Id.ToString());

            Assert.Equal(UploadOutcome.Replaced, (await ReplaceRequests.ResultAsync(response)).Outcome);
            var finished = await client.WaitUntilFinishedAsync(upload.Document.Id);
            Assert.Equal(DocumentStatus.Ready, finished.Document.Status);
            Assert.Equal(2, finished.Pages.Count);
            Assert.All(finished.Items.Where(i => i.Modality == Modality.Text), item => Assert.Contains($"fresh{round}", item.Text, StringComparison.Ordinal));
            Assert.Equal(0, await ReplaceRequests.RowsHoldingAsync(api.DataDirectory, $"stale{round}"));
        }
    }
}
