using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Documents;

/// <summary>Removes a document and everything derived from it: job, vectors, lexical entries,
/// files and rows.</summary>
public sealed class DocumentDeletion(
    IDocumentStore store,
    IBlobStore blobs,
    IJobQueue queue,
    IVectorIndex vectors,
    ILexicalIndex lexical)
{
    /// <summary>False when no such document exists.</summary>
    public async Task<bool> DeleteAsync(Guid documentId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(documentId, cancellationToken) is null)
        {
            return false;
        }

        // The job goes first so no worker starts on it; the row goes last, so a delete interrupted
        // half-way can simply be repeated.
        await queue.RemoveAsync(documentId, cancellationToken);
        await vectors.DeleteDocumentAsync(documentId, cancellationToken);
        await lexical.DeleteDocumentAsync(documentId, cancellationToken);
        await blobs.DeletePrefixAsync(BlobKeys.DocumentPrefix(documentId), cancellationToken);
        return await store.DeleteAsync(documentId, cancellationToken);
    }
}
