using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Eval;

/// <summary>Uploads a dataset's documents through the API and follows their ingestion.</summary>
/// <remarks>The server recognises a file it already holds by its SHA-256 and answers "duplicate".
/// With <c>reuse</c> that copy is used as it is (fast: nothing is ingested again). Without it, the
/// copy is deleted and the file uploaded again, so that every document is ingested by the pipeline as
/// it is now (an index built before a pipeline change, such as OCR, would measure the old one).</remarks>
internal sealed class DatasetUploader(RagApiClient api, IAnsiConsole console)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long ingestion may show no progress before the progress line asks whether a
    /// worker is running (an API started with Ingestion:Workers = 0 and no worker host never ingests).</summary>
    private static readonly TimeSpan StallHint = TimeSpan.FromMinutes(2);

    public async Task<UploadedDataset> UploadAsync(EvalDataset dataset, bool reuse, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, List<string>>();
        var documents = new Dictionary<Guid, DocumentView>();
        var sentThisRun = new HashSet<Guid>();
        var failed = new List<FailedDocument>();
        var reused = 0;

        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var uploading = progress.AddTask($"Uploading {dataset.Documents.Count} documents", maxValue: dataset.Documents.Count);
                foreach (var path in dataset.Documents)
                {
                    var name = dataset.NameOf(path);
                    try
                    {
                        var result = await api.UploadAsync(path, cancellationToken);
                        if (result.Duplicate && !sentThisRun.Contains(result.Document.Id))
                        {
                            if (reuse)
                            {
                                reused++;
                            }
                            else
                            {
                                await api.DeleteAsync(result.Document.Id, cancellationToken);
                                result = await api.UploadAsync(path, cancellationToken);
                            }
                        }

                        var id = result.Document.Id;
                        sentThisRun.Add(id);
                        documents[id] = result.Document;
                        if (!names.TryGetValue(id, out var namesOfId))
                        {
                            names[id] = namesOfId = [];
                        }

                        namesOfId.Add(name);
                    }
                    catch (RagApiException ex) when (ex.StatusCode is >= 400 and < 500)
                    {
                        failed.Add(new FailedDocument(name, ex.Message));
                    }

                    uploading.Increment(1);
                }

                var ingesting = progress.AddTask("Ingesting", maxValue: 1);
                await FollowAsync(documents, ingesting, cancellationToken);
            });

        failed.AddRange(documents.Values.Where(d => d.Status == "failed")
            .SelectMany(d => names[d.Id].Select(n => new FailedDocument(n, d.Error ?? "ingestion failed"))));
        return new UploadedDataset(
            names.ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)p.Value),
            names.Values.Sum(n => n.Count) - reused,
            reused,
            failed);
    }

    /// <summary>Polls the unfinished documents until every one is ready or failed.</summary>
    private async Task FollowAsync(Dictionary<Guid, DocumentView> documents, ProgressTask task, CancellationToken cancellationToken)
    {
        var lastDone = -1;
        var lastChange = DateTime.UtcNow;
        while (true)
        {
            foreach (var id in documents.Where(d => !d.Value.IsFinished).Select(d => d.Key).ToList())
            {
                documents[id] = await api.GetDocumentAsync(id, cancellationToken);
            }

            // Pages of a queued document are not known yet: count it as one page to come.
            var total = documents.Values.Sum(d => Math.Max(1, d.Progress.PagesTotal));
            var done = documents.Values.Sum(d => d.IsFinished ? Math.Max(1, d.Progress.PagesTotal) : d.Progress.PagesDone);
            task.MaxValue = Math.Max(1, total);
            task.Value = done;
            if (done != lastDone)
            {
                (lastDone, lastChange) = (done, DateTime.UtcNow);
            }

            var stalled = DateTime.UtcNow - lastChange > StallHint ? " [yellow](no progress for minutes: is an ingestion worker running?)[/]" : string.Empty;
            task.Description = $"Ingesting: {documents.Values.Count(d => d.IsFinished)}/{documents.Count} documents done{stalled}";
            if (documents.Values.All(d => d.IsFinished))
            {
                task.StopTask();
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
