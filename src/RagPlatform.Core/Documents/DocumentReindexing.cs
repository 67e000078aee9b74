using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Documents;

/// <summary>Runs a stored document through ingestion again, from its original: after the CLIP
/// model was installed (documents ingested lexical-only get their vectors), after an upgrade, or to
/// retry a failure. The document is hidden from search until it is Ready again.</summary>
public sealed class DocumentReindexing(IDocumentStore store, IJobQueue queue, TimeProvider time)
{
    /// <summary>The document as queued, or null when no such document exists.</summary>
    public async Task<Document?> ReindexAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(documentId, cancellationToken);
        if (document is null || document.Status is DocumentStatus.Queued or DocumentStatus.Processing)
        {
            // Already on its way: queueing it again would restart a worker mid-document.
            return document;
        }

        var queued = document with { Status = DocumentStatus.Queued, Error = null, PagesDone = 0, UpdatedAt = time.GetUtcNow() };
        await store.UpdateAsync(queued, cancellationToken);
        await queue.EnqueueAsync(documentId, cancellationToken);
        return queued;
    }
}
