using System.Security.Cryptography;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Documents;

/// <summary>Replaces a document's original with a changed file, keeping its id: the old pages,
/// items, vectors, index entries and images go, and the new bytes are ingested.</summary>
/// <remarks>Order, for crash safety: (1) the new bytes are stored beside the old original; (2) one
/// store transaction switches the row to the new content (status Queued) and removes the old job;
/// (3) this process's run of the old content is cancelled and awaited; (4) the old derived data is
/// removed and the new original moved into place; (5) the new job is queued. A crash before (2)
/// keeps the old document whole; after it, the ingestion of the document finishes step (4) itself
/// (<see cref="IncomingOriginals"/>), and sending the same file again queues it. A worker of another
/// process busy with the old content has its status writes ignored (the row's content changed), stops
/// at its next page or lease renewal, and the new job waits until its lease has ended.</remarks>
public sealed class DocumentReplacement(
    IDocumentStore store,
    IBlobStore blobs,
    IJobQueue queue,
    IVectorIndex vectors,
    ILexicalIndex lexical,
    DocumentIntake intake,
    IngestionRuns runs,
    TimeProvider time) : IDisposable
{
    // One replacement at a time in this process: two replacements of one document must not
    // interleave their file moves. Replacements are rare; the wait is short.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Replaces the newest document of the collection with the same file name, or adds the
    /// file to the collection as a new document when none has that name.</summary>
    /// <returns>The replacement, or (Added) the new document when none had the name.</returns>
    public async Task<(ReplacementResult? Replaced, IntakeResult? Added)> ReplaceByNameAsync(Stream content, string fileName, string collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var detected = await intake.CheckAsync(content, fileName, cancellationToken);
        var existing = await store.FindNewestByFileNameAsync(collection, DocumentIntake.SafeFileName(fileName, detected), cancellationToken);
        return existing is null
            ? (null, await intake.AcceptAsync(content, fileName, collection, cancellationToken))
            : (await ReplaceAsync(existing.Id, content, fileName, collection, cancellationToken), null);
    }

    /// <param name="content">The new file; must be seekable (read twice: hash, then store).</param>
    /// <param name="collection">The collection the request is in: a document of another one is
    /// answered like a missing one.</param>
    /// <exception cref="UploadRejectedException">Empty, too large or unsupported; no such document;
    /// another document holds these bytes; or another replacement of it came first.</exception>
    public async Task<ReplacementResult> ReplaceAsync(Guid documentId, Stream content, string fileName, string collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var detected = await intake.CheckAsync(content, fileName, cancellationToken);
        var start = content.Position;
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        var found = await store.GetAsync(documentId, cancellationToken);
        var current = found is not null && found.Collection == collection ? found : throw new UploadRejectedException(UploadRejection.UnknownDocument, $"No document {documentId}: there is nothing to replace.");
        if (current.Sha256 == sha256)
        {
            await _oneAtATime.WaitAsync(cancellationToken);
            try
            {
                return new ReplacementResult(await FinishInterruptedAsync(current, cancellationToken), Replaced: false);
            }
            finally
            {
                _oneAtATime.Release();
            }
        }

        if (await store.FindBySha256Async(collection, sha256, cancellationToken) is { } holder)
        {
            throw ContentTaken(fileName, holder);
        }

        var replacement = current with
        {
            FileName = DocumentIntake.SafeFileName(fileName, detected),
            MediaType = detected.MediaType,
            Kind = detected.Kind,
            SizeBytes = content.Length - start,
            Sha256 = sha256,
            Status = DocumentStatus.Queued,
            Error = null,
            PagesTotal = 0,
            PagesDone = 0,
            ItemCount = 0,
            UpdatedAt = time.GetUtcNow(),
        };
        content.Position = start;
        await blobs.PutAsync(BlobKeys.IncomingOriginal(documentId, sha256), content, cancellationToken);

        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await SwapAsync(replacement, current.Sha256, fileName, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<ReplacementResult> SwapAsync(Document replacement, string oldSha256, string fileName, CancellationToken cancellationToken)
    {
        var id = replacement.Id;
        var swap = await store.SwapContentAsync(replacement, oldSha256, cancellationToken);
        switch (swap.Outcome)
        {
            case ContentSwapOutcome.NotFound:
                await blobs.DeletePrefixAsync(BlobKeys.DocumentPrefix(id), CancellationToken.None);
                throw new UploadRejectedException(UploadRejection.UnknownDocument, $"Document {id} was deleted while '{fileName}' was being stored: there is nothing to replace.");
            case ContentSwapOutcome.ContentTaken:
                await blobs.DeletePrefixAsync(BlobKeys.IncomingOriginal(id, replacement.Sha256), CancellationToken.None);
                throw ContentTaken(fileName, swap.Holder!);
            case ContentSwapOutcome.Changed:
                var now = await store.GetAsync(id, cancellationToken);
                if (now?.Sha256 == replacement.Sha256)
                {
                    // The same bytes, sent twice at once: the other upload replaced it.
                    return new ReplacementResult(now, Replaced: false);
                }

                await blobs.DeletePrefixAsync(BlobKeys.IncomingOriginal(id, replacement.Sha256), CancellationToken.None);
                throw new UploadRejectedException(UploadRejection.ReplacedMeanwhile, $"Document {id} was replaced by another upload while '{fileName}' was being stored; nothing was changed by this one. Send it again to replace the new version.");
        }

        // From here the new content is the document's: finish even if the caller gives up.
        var stoppedHere = await runs.CancelAsync(id, CancellationToken.None);
        await vectors.DeleteDocumentAsync(id, CancellationToken.None);
        await lexical.DeleteDocumentAsync(id, CancellationToken.None);
        await store.ClearContentAsync(id, CancellationToken.None);
        await IncomingOriginals.PromoteAsync(blobs, replacement, CancellationToken.None);
        if (await store.GetAsync(id, CancellationToken.None) is null)
        {
            // Deleted meanwhile: the delete may have removed the folder before the move wrote into it.
            await blobs.DeletePrefixAsync(BlobKeys.DocumentPrefix(id), CancellationToken.None);
            return new ReplacementResult(replacement, Replaced: true);
        }

        if (!stoppedHere && swap.RunningLeaseExpiresAt is { } leaseEnd && leaseEnd > time.GetUtcNow())
        {
            await queue.EnqueueAfterAsync(id, leaseEnd, CancellationToken.None);
        }
        else
        {
            await queue.EnqueueAsync(id, CancellationToken.None);
        }

        return new ReplacementResult(replacement, Replaced: true);
    }

    /// <summary>Sending the bytes a document already holds changes nothing, except that a
    /// replacement interrupted after its row was switched is finished: the new original moved into
    /// place and the document queued.</summary>
    private async Task<Document> FinishInterruptedAsync(Document current, CancellationToken cancellationToken)
    {
        if (current.Status == DocumentStatus.Queued)
        {
            await IncomingOriginals.PromoteAsync(blobs, current, cancellationToken);
            await queue.EnqueueAsync(current.Id, cancellationToken);
        }

        return current;
    }

    public void Dispose() => _oneAtATime.Dispose();

    private static UploadRejectedException ContentTaken(string fileName, Document holder) =>
        new(UploadRejection.ContentTaken, $"'{fileName}' holds the same bytes as document {holder.Id} ('{holder.FileName}'); a document cannot replace another with its bytes. Delete one of them first.");
}
