using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Ingestion;

/// <summary>Ingests one claimed document: extract → chunk → embed → index, page by page, with
/// progress after every page.</summary>
/// <remarks>Crash safety: a document's items are searchable only once its status is Ready, so a
/// half-indexed document is never visible. A retry (after a crash, the lease expires and the job is
/// claimed again) starts by removing what the earlier attempt stored.</remarks>
public sealed partial class IngestionPipeline(
    IDocumentStore store,
    IBlobStore blobs,
    IJobQueue queue,
    IDocumentExtractor extractor,
    IVectorIndex vectors,
    ILexicalIndex lexical,
    PageIndexer pageIndexer,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestionPipeline> logger)
{
    public async Task RunAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(job.DocumentId, cancellationToken);
        if (document is null || document.Status is DocumentStatus.Ready)
        {
            // Deleted while queued, or finished by an attempt that died before completing its job.
            await queue.CompleteAsync(job, cancellationToken);
            return;
        }

        var maxAttempts = options.Value.MaxAttempts;
        if (job.Attempt > maxAttempts)
        {
            await FinishAsync(job, document, $"Gave up after {maxAttempts} attempts: the worker stopped while ingesting this document each time.", cancellationToken);
            return;
        }

        await using var heartbeat = LeaseHeartbeat.Start(queue, job, options.Value.Lease, time, cancellationToken);
        try
        {
            var (indexed, skippedPages) = await IngestAsync(document, heartbeat.Token);
            var note = skippedPages.Count == 0 ? null : $"{skippedPages.Count} of {indexed.PagesTotal} pages could not be read: {string.Join(", ", skippedPages)}.";
            await SaveAsync(indexed with { Status = DocumentStatus.Ready, Error = note }, cancellationToken);
            await queue.CompleteAsync(job, cancellationToken);
            LogIndexed(document.Id, indexed.PagesTotal, indexed.ItemCount);
        }
        catch (DocumentRejectedException ex)
        {
            await RemoveContentAsync(document.Id, cancellationToken);
            await FinishAsync(job, document, ex.Message, cancellationToken);
        }
        catch (OperationCanceledException) when (heartbeat.LeaseLost && !cancellationToken.IsCancellationRequested)
        {
            LogLeaseLost(document.Id, job.WorkerId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RetryOrFailAsync(job, document, ex, cancellationToken);
        }
    }

    private async Task<(Document Indexed, List<int> SkippedPages)> IngestAsync(Document document, CancellationToken cancellationToken)
    {
        await RemoveContentAsync(document.Id, cancellationToken);
        document = await SaveAsync(document with { Status = DocumentStatus.Processing, Error = null, PagesDone = 0, ItemCount = 0 }, cancellationToken);

        var path = await blobs.GetLocalPathAsync(BlobKeys.Original(document.Id), cancellationToken);
        using var opened = await extractor.OpenAsync(path, document.Kind, cancellationToken);
        document = await SaveAsync(document with { PagesTotal = opened.PageCount }, cancellationToken);

        var skipped = new List<int>();
        for (var number = 1; number <= opened.PageCount; number++)
        {
            var items = 0;
            try
            {
                var page = await opened.ExtractPageAsync(number, cancellationToken);
                items = await pageIndexer.IndexAsync(document, page, cancellationToken);
            }
            catch (DocumentRejectedException ex) when (opened.PageCount > 1)
            {
                // One unreadable page of a long report must not cost the other pages.
                LogPageSkipped(document.Id, number, ex.Message);
                skipped.Add(number);
            }

            document = await SaveAsync(document with { PagesDone = number, ItemCount = document.ItemCount + items }, cancellationToken);
        }

        if (skipped.Count == opened.PageCount)
        {
            throw new DocumentRejectedException("No page of the document could be read.");
        }

        return (document, skipped);
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

        // The job stays claimed until its lease runs out; then any worker retries it.
        await SaveAsync(document with { Status = DocumentStatus.Queued, Error = $"Attempt {job.Attempt} failed ({ex.Message}); it will be retried." }, cancellationToken);
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
        await lexical.DeleteDocumentAsync(documentId, cancellationToken);
        await store.ClearContentAsync(documentId, cancellationToken);
    }

    private async Task<Document> SaveAsync(Document document, CancellationToken cancellationToken)
    {
        var updated = document with { UpdatedAt = time.GetUtcNow() };
        await store.UpdateAsync(updated, cancellationToken);
        return updated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed document {DocumentId}: {Pages} pages, {Items} items")]
    private partial void LogIndexed(Guid documentId, int pages, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} failed: {Reason}")]
    private partial void LogFailed(Guid documentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped unreadable page {Page} of document {DocumentId}: {Reason}")]
    private partial void LogPageSkipped(Guid documentId, int page, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {Attempt} to ingest document {DocumentId} failed")]
    private partial void LogAttemptFailed(Exception exception, Guid documentId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} lost its lease on document {DocumentId}; it stopped and left the document to its new owner")]
    private partial void LogLeaseLost(Guid documentId, string workerId);
}
