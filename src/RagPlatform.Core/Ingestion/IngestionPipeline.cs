using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Ingestion;

/// <summary>Ingests one claimed document: extract → chunk → embed → index, page by page, with
/// progress after every page.</summary>
/// <remarks>Crash safety: a document's items are searchable only once its status is Ready, so a
/// half-indexed document is never visible. A new attempt (after a crash the lease expires and the
/// job is claimed again; after a failure it is released at once) starts by removing what the
/// earlier attempt stored. The attempt is counted when the job is claimed, before any work, so a
/// document that kills its worker process every time still fails once its attempts are spent.</remarks>
/// <remarks>Bounds and fairness: a document may take <see cref="IngestionOptions.DocumentTimeout"/>
/// in all. After <see cref="IngestionOptions.PagesPerTurn"/> pages it yields its worker when other
/// documents wait, and a later claim continues it where it stopped (a new turn of the same attempt).</remarks>
public sealed partial class IngestionPipeline(
    IDocumentStore store,
    IBlobStore blobs,
    IJobQueue queue,
    IDocumentExtractor extractor,
    IVectorIndex vectors,
    ILexicalIndex lexical,
    PageIndexer pageIndexer,
    IngestionRuns runs,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestionPipeline> logger,
    TextSpace? textSpace = null)
{
    public async Task RunAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        // Registered before the document is read: a delete either finds this run and waits for it,
        // or fenced the store before the read below, which then finds nothing.
        using var run = runs.Begin(job.DocumentId, cancellationToken);
        var started = time.GetTimestamp();
        var document = await store.GetAsync(job.DocumentId, cancellationToken);
        if (document is null || document.Status is DocumentStatus.Ready)
        {
            // Deleted while queued, or finished by an attempt that died before completing its job.
            await queue.CompleteAsync(job, cancellationToken);
            return;
        }

        var settings = options.Value;
        if (job.Attempt > settings.MaxAttempts)
        {
            // Every earlier attempt was counted when claimed, and none came back to say how it ended.
            await FinishAsync(job, document, $"Gave up after {settings.MaxAttempts} attempts: the worker process stopped each time while ingesting this document, last {Whereabouts(document)}.", cancellationToken);
            return;
        }

        var remaining = settings.DocumentTimeout - job.Worked;
        await using var heartbeat = LeaseHeartbeat.Start(queue, job, settings.Lease, time, run.Token);
        using var timeLimit = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(heartbeat.Token, timeLimit.Token);
        try
        {
            var indexed = await IngestAsync(job, document, work.Token);
            if (indexed is null)
            {
                await SweepIfDeletedAsync(document.Id, cancellationToken);
                return;
            }

            var skippedPages = await SkippedPagesAsync(indexed, work.Token);
            var note = skippedPages.Count == 0 ? null : $"{skippedPages.Count} of {indexed.PagesTotal} pages could not be read: {string.Join(", ", skippedPages)}.";
            await SaveAsync(indexed with { Status = DocumentStatus.Ready, Error = note }, cancellationToken);
            await queue.CompleteAsync(job, cancellationToken);
            LogIndexed(document.Id, indexed.PagesTotal, indexed.ItemCount);
        }
        catch (DocumentRejectedException ex)
        {
            if (await IsGoneOrReplacedAsync(document, cancellationToken))
            {
                LogStoppedForDeletion(document.Id);
            }
            else
            {
                await RemoveContentAsync(document.Id, cancellationToken);
                await FinishAsync(job, document, ex.Message, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (run.Deleted && !cancellationToken.IsCancellationRequested)
        {
            LogStoppedForDeletion(document.Id);
        }
        catch (OperationCanceledException) when (heartbeat.LeaseLost && !cancellationToken.IsCancellationRequested)
        {
            LogLeaseLost(document.Id, job.WorkerId);
        }
        catch (OperationCanceledException) when (timeLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var stopped = await store.GetAsync(document.Id, cancellationToken) ?? document;
            await RemoveContentAsync(document.Id, cancellationToken);
            await FinishAsync(job, stopped, $"Ingestion took longer than the time limit of {settings.DocumentTimeout} per document (Ingestion:DocumentTimeout); it stopped {Whereabouts(stopped)}.", cancellationToken);
        }
        catch (Exception ex) when (StorageSpace.IsOutOfSpace(ex))
        {
            // Not the document's fault: it costs no attempt. The job goes back to the queue (if even
            // that write fails, its lease runs out instead), and the worker backs off until there is space.
            await TryPauseAsync(job, job.Worked + time.GetElapsedTime(started), cancellationToken);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A write refused by the deletion fence, or the original gone or replaced, is no failure
            // of the file (and what is stored now belongs to the new content).
            if (await IsGoneOrReplacedAsync(document, cancellationToken))
            {
                LogStoppedForDeletion(document.Id);
            }
            else
            {
                await RetryOrFailAsync(job, document, ex, cancellationToken);
            }
        }

        await SweepIfDeletedAsync(document.Id, cancellationToken);
    }

    private async Task TryPauseAsync(IngestionJob job, TimeSpan worked, CancellationToken cancellationToken)
    {
        try
        {
            // The time counts towards the document's limit: a document that fills the disk by
            // itself ends failed at its time limit rather than pausing forever.
            await queue.PauseAsync(job, worked, cancellationToken);
        }
        catch (Exception ex) when (StorageSpace.IsOutOfSpace(ex))
        {
        }
    }

    /// <summary>A delete that began while this run wrote files may have removed the folder before
    /// the last of them: the run, now stopped, removes what it left. Vectors too: an engine beside
    /// the metadata database (Qdrant, or pgvector on another server) has no deletion fence, so the
    /// vectors this run wrote after the delete removed the document's are removed here.</summary>
    private async Task SweepIfDeletedAsync(Guid documentId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(documentId, cancellationToken) is null)
        {
            await blobs.DeletePrefixAsync(BlobKeys.DocumentPrefix(documentId), cancellationToken);
            await vectors.DeleteDocumentAsync(documentId, cancellationToken);
            if (textSpace is not null)
            {
                await textSpace.DeleteDocumentAsync(documentId, cancellationToken);
            }
        }
    }

    /// <returns>The document with every page done, or null when it yielded its worker to others or
    /// its deletion began.</returns>
    private async Task<Document?> IngestAsync(IngestionJob job, Document document, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var continuing = job.Turn > 0 && document.Status == DocumentStatus.Processing && document.PagesTotal > 0;
        if (!continuing)
        {
            // A replacement interrupted after switching the row to the new content left the new
            // original beside the old one: move it into place before reading it.
            await IncomingOriginals.PromoteAsync(blobs, document, cancellationToken);
            await RemoveContentAsync(document.Id, cancellationToken);
            document = await SaveAsync(document with { Status = DocumentStatus.Processing, Error = null, PagesDone = 0, ItemCount = 0 }, cancellationToken);
        }

        var path = await blobs.GetLocalPathAsync(BlobKeys.Original(document.Id), cancellationToken);
        using var opened = await extractor.OpenAsync(path, document.Kind, cancellationToken);
        await using var pages = new PageReadAhead(opened);
        if (!continuing)
        {
            document = await SaveAsync(document with { PagesTotal = opened.PageCount }, cancellationToken);
        }

        var pagesThisTurn = 0;
        for (var number = document.PagesDone + 1; number <= opened.PageCount; number++)
        {
            // A delete by another process fences the store, a replacement changes the content; this
            // run notices before the next page.
            if (await IngestionActivities.TimeAsync(IngestionActivities.Progress, () => IsGoneOrReplacedAsync(document, cancellationToken)))
            {
                LogStoppedForDeletion(document.Id);
                return null;
            }

            if (pagesThisTurn == options.Value.PagesPerTurn)
            {
                if (await queue.YieldAsync(job, job.Worked + time.GetElapsedTime(started), cancellationToken))
                {
                    LogYielded(document.Id, document.PagesDone, opened.PageCount);
                    return null;
                }

                pagesThisTurn = 0;
            }

            var items = 0;
            try
            {
                var page = await IngestionActivities.TimeAsync(IngestionActivities.Extract, () => pages.ReadAsync(number, cancellationToken));
                if (number < opened.PageCount && pagesThisTurn + 1 < options.Value.PagesPerTurn)
                {
                    pages.Start(number + 1, cancellationToken); // not past the turn: the worker may leave then
                }

                items = await pageIndexer.IndexAsync(document, page, opened.Title, cancellationToken);
            }
            catch (DocumentRejectedException ex) when (opened.PageCount > 1)
            {
                // One unreadable page of a long report must not cost the other pages.
                LogPageSkipped(document.Id, number, ex.Message);
            }

            document = await IngestionActivities.TimeAsync(IngestionActivities.Progress,
                () => SaveAsync(document with { PagesDone = number, ItemCount = document.ItemCount + items }, cancellationToken));
            pagesThisTurn++;
        }

        return document;
    }

    private async Task<bool> IsGoneOrReplacedAsync(Document document, CancellationToken cancellationToken) =>
        await store.GetAsync(document.Id, cancellationToken) is not { } current || current.Sha256 != document.Sha256;

    /// <summary>Pages without a stored page: the ones skipped as unreadable, in any turn.</summary>
    private async Task<List<int>> SkippedPagesAsync(Document document, CancellationToken cancellationToken)
    {
        var stored = (await store.GetPagesAsync(document.Id, cancellationToken)).Select(p => p.Number).ToHashSet();
        var skipped = Enumerable.Range(1, document.PagesTotal).Where(n => !stored.Contains(n)).ToList();
        return skipped.Count == document.PagesTotal
            ? throw new DocumentRejectedException("No page of the document could be read.")
            : skipped;
    }

    private async Task RetryOrFailAsync(IngestionJob job, Document document, Exception ex, CancellationToken cancellationToken)
    {
        LogAttemptFailed(ex, document.Id, job.Attempt);
        if (job.Attempt >= options.Value.MaxAttempts)
        {
            await RemoveContentAsync(document.Id, cancellationToken);
            await FinishAsync(job, document, $"Ingestion failed after {job.Attempt} attempts: {ex.Message}", cancellationToken);
            return;
        }

        // Behind the documents already waiting, so a failing document does not keep a worker to itself.
        await SaveAsync(document with { Status = DocumentStatus.Queued, Error = $"Attempt {job.Attempt} failed ({ex.Message}); it will be retried." }, cancellationToken);
        await queue.ReleaseAsync(job, cancellationToken);
    }

    private async Task FinishAsync(IngestionJob job, Document document, string reason, CancellationToken cancellationToken)
    {
        await SaveAsync(document with { Status = DocumentStatus.Failed, Error = reason, ItemCount = 0 }, cancellationToken);
        await queue.CompleteAsync(job, cancellationToken);
        LogFailed(document.Id, reason);
    }

    private async Task RemoveContentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await vectors.DeleteDocumentAsync(documentId, cancellationToken);
        if (textSpace is not null)
        {
            await textSpace.DeleteDocumentAsync(documentId, cancellationToken);
        }

        await lexical.DeleteDocumentAsync(documentId, cancellationToken);
        await store.ClearContentAsync(documentId, cancellationToken);
    }

    private async Task<Document> SaveAsync(Document document, CancellationToken cancellationToken)
    {
        var updated = document with { UpdatedAt = time.GetUtcNow() };
        await store.UpdateAsync(updated, cancellationToken);
        return updated;
    }

    /// <summary>Where ingestion was, from the progress stored after every page.</summary>
    private static string Whereabouts(Document document) => document.PagesTotal == 0
        ? "while opening the file"
        : $"at page {Math.Min(document.PagesDone + 1, document.PagesTotal)} of {document.PagesTotal}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped ingesting document {DocumentId}: it is being deleted or replaced")]
    private partial void LogStoppedForDeletion(Guid documentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed document {DocumentId}: {Pages} pages, {Items} items")]
    private partial void LogIndexed(Guid documentId, int pages, int items);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} let waiting documents go first after page {PagesDone} of {PagesTotal}; it continues after them")]
    private partial void LogYielded(Guid documentId, int pagesDone, int pagesTotal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} failed: {Reason}")]
    private partial void LogFailed(Guid documentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped unreadable page {Page} of document {DocumentId}: {Reason}")]
    private partial void LogPageSkipped(Guid documentId, int page, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {Attempt} to ingest document {DocumentId} failed")]
    private partial void LogAttemptFailed(Exception exception, Guid documentId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} lost its lease on document {DocumentId}; it stopped and left the document to its new owner")]
    private partial void LogLeaseLost(Guid documentId, string workerId);
}
