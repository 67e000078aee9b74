using System.Globalization;
using System.Net.Http.Json;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Status;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Api.Tests.Workers;

/// <summary>Several standalone worker processes share one queue and ingest a batch while one of them
/// is killed mid-document: every document must end ready exactly once (items = vectors = distinct
/// ids, each document's own word found on its own page only). One subclass per backend combination.</summary>
public abstract class WorkerCrashScenarios
{
    private const int Documents = 30;
    private const int PagesPerDocument = 4;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>How many worker processes to start (one worker each).</summary>
    protected abstract int WorkerProcesses { get; }

    /// <summary>The settings that name the backends (and their servers) the API and every worker share.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string>> BackendSettingsAsync();

    [Fact]
    public async Task Every_document_ends_ready_exactly_once_when_a_worker_process_is_killed_mid_document()
    {
        var data = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>(await BackendSettingsAsync())
        {
            ["Storage:DataDirectory"] = data,
            ["Clip:ModelDirectory"] = RepositoryPaths.TinyClipModel,
            ["Ocr:ModelDirectory"] = Path.Combine(data, "no-model-here"),
            ["Reranking:ModelDirectory"] = "",
            ["Embeddings:Text:ModelDirectory"] = "",
            ["Ingestion:Workers"] = "1",
            ["Ingestion:PollMilliseconds"] = "50",
            // The killed worker's document is claimed again this soon after its last renewal.
            ["Ingestion:LeaseSeconds"] = "5",
        };
        var workers = new List<IngestProcess>();
        try
        {
            // The API only takes uploads and answers: every page is read by the worker processes.
            await using var api = new PlatformFactory(dataDirectory: data, workers: 0, settings: settings);
            var client = new PlatformClient(api.CreateClient());
            var batch = new Dictionary<Guid, string>();
            for (var n = 0; n < Documents; n++)
            {
                var word = string.Create(CultureInfo.InvariantCulture, $"quay{n:D2}marker");
                batch[(await client.UploadAsync(LogPdf(word), $"log-{n:D2}.pdf")).Document.Id] = word;
            }

            workers.AddRange(Enumerable.Range(0, WorkerProcesses).Select(_ => IngestProcess.Start(settings)));

            // With documents still queued, every worker is inside one: kill the first there.
            await WaitForAsync(client, workers, batch.Keys, documents =>
                documents.Count(d => d.Status == DocumentStatus.Ready) >= 3 && documents.Any(d => d.Status == DocumentStatus.Queued));
            await workers[0].KillAsync();
            var finished = await WaitForAsync(client, workers.Skip(1), batch.Keys, documents =>
                documents.All(d => d.Status is DocumentStatus.Ready or DocumentStatus.Failed));

            Assert.All(finished, d => Assert.True(d.Status == DocumentStatus.Ready, $"{d.FileName} ended {d.Status}: {d.Error}"));
            var itemCount = 0;
            foreach (var (id, word) in batch)
            {
                var details = await client.GetAsync(id);
                Assert.Equal(PagesPerDocument, details.Document.Progress.PagesDone);
                Assert.Equal(details.Document.ItemCount, details.Items.Count);
                Assert.Equal(details.Items.Count, details.Items.Select(i => i.Id).Distinct().Count());
                itemCount += details.Items.Count;

                var hits = (await client.SearchTextAsync(word, "&mode=lexical")).Hits;
                Assert.Equal([(id, 1)], hits.Select(h => (h.DocumentId, h.Page)).Distinct());
            }

            var status = await client.Http.GetFromJsonAsync<StatusDto>("/api/status", PlatformClient.Json, Token);
            Assert.Equal(itemCount, status!.Vectors);
            Assert.Equal(0, status.QueueLength);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Polls the batch until <paramref name="done"/> holds (at most 10 minutes: a bound for a
    /// loaded machine, not a speed target); every worker still expected to run must be running.</summary>
    private static async Task<IReadOnlyList<DocumentDto>> WaitForAsync(
        PlatformClient client, IEnumerable<IngestProcess> running, IEnumerable<Guid> batch, Func<IReadOnlyList<DocumentDto>, bool> done)
    {
        var ids = batch.ToHashSet();
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var page = await client.Http.GetFromJsonAsync<DocumentListDto>($"/api/documents?take={Documents}", PlatformClient.Json, Token);
            var documents = page!.Documents.Where(d => ids.Contains(d.Id)).ToList();
            if (documents.Count == ids.Count && done(documents))
            {
                return documents;
            }

            foreach (var worker in running)
            {
                Assert.False(worker.HasExited, "A worker process died:\n" + worker.Output);
            }

            Assert.True(DateTime.UtcNow < deadline, "The batch did not get there in 10 minutes: " +
                string.Join(", ", documents.GroupBy(d => d.Status).Select(g => $"{g.Count()} {g.Key}")) + "\n" + string.Join("\n", running.Select(w => w.Output)));
            await Task.Delay(100, Token);
        }
    }

    /// <summary>Four pages: the first names the document's own word, the others share their text with
    /// every document of the batch.</summary>
    private static byte[] LogPdf(string word)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText($"{word} opens the harbour log", 12, new PdfPoint(50, 780), font);
        for (var page = 2; page <= PagesPerDocument; page++)
        {
            builder.AddPage(PageSize.A4).AddText(string.Create(CultureInfo.InvariantCulture, $"The harbour log continues on page {page}."), 12, new PdfPoint(50, 780), font);
        }

        return builder.Build();
    }
}
