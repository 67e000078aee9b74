using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Documents;

/// <summary>Removes a document and everything derived from it: job, vectors (of both dense spaces), lexical entries,
/// files and rows, also while it is being ingested.</summary>
/// <remarks>Order: the store's deletion fence first (from then on no worker, in this process or
/// another, can add anything for the document, and its job is gone), then this process's run of it
/// is cancelled and awaited, then everything is removed; the row goes last, so a delete interrupted
/// half-way can simply be repeated. A worker of another process stops before its next page and
/// removes the files it wrote after the fence.</remarks>
public sealed class DocumentDeletion(
    IDocumentStore store,
    IBlobStore blobs,
    IVectorIndex vectors,
    ILexicalIndex lexical,
    IngestionRuns runs,
    IStorageReserve reserve,
    StorageSpace space,
    TextSpace? textSpace = null)
{
    /// <summary>False when no such document exists.</summary>
    public async Task<bool> DeleteAsync(Guid documentId, CancellationToken cancellationToken)
    {
        bool deleted;
        try
        {
            deleted = await DeleteOnceAsync(documentId, cancellationToken);
        }
        catch (Exception ex) when (StorageSpace.IsOutOfSpace(ex))
        {
            // A full disk must not keep space from being freed: the reserved space makes room for
            // the few pages the database writes to delete, and the delete runs again.
            space.Observe(ex);
            if (!await reserve.ReleaseAsync(cancellationToken))
            {
                throw;
            }

            deleted = await DeleteOnceAsync(documentId, cancellationToken);
        }

        if (deleted)
        {
            space.ObserveSuccess();
            // The files removed may have made room to keep a reserve again.
            await reserve.RestoreAsync(cancellationToken);
        }

        return deleted;
    }

    private async Task<bool> DeleteOnceAsync(Guid documentId, CancellationToken cancellationToken)
    {
        if (!await store.BeginDeletionAsync(documentId, cancellationToken))
        {
            return false;
        }

        await runs.CancelAsync(documentId, cancellationToken);
        // Files first: on a full disk they free the most space for the database writes after them.
        await blobs.DeletePrefixAsync(BlobKeys.DocumentPrefix(documentId), cancellationToken);
        await vectors.DeleteDocumentAsync(documentId, cancellationToken);
        if (textSpace is not null)
        {
            await textSpace.DeleteDocumentAsync(documentId, cancellationToken);
        }

        await lexical.DeleteDocumentAsync(documentId, cancellationToken);
        await store.DeleteAsync(documentId, cancellationToken);
        return true;
    }
}
