namespace RagPlatform.Core.Documents;

/// <summary>Moves a replacement's new original into place. The replacement stores the new bytes
/// beside the old ones first and switches the document row to them in one write; whoever comes next
/// (the replacement itself, or the ingestion of the document after a crash in between) finishes the
/// move, so a crash at any step keeps the old bytes or the new ones, never neither.</summary>
public static class IncomingOriginals
{
    /// <summary>When an incoming original for the document's current content exists: removes the
    /// files made from the old original, puts the new one in its place and removes the incoming copy.
    /// Returns false when there was none (nothing to finish).</summary>
    public static async Task<bool> PromoteAsync(IBlobStore blobs, Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(document);
        var incoming = BlobKeys.IncomingOriginal(document.Id, document.Sha256);
        await using (var stream = await blobs.OpenReadAsync(incoming, cancellationToken))
        {
            if (stream is null)
            {
                return false;
            }

            foreach (var prefix in BlobKeys.MadeFromOriginal(document.Id))
            {
                await blobs.DeletePrefixAsync(prefix, cancellationToken);
            }

            // PutAsync replaces atomically: a reader sees the old original or the new one.
            await blobs.PutAsync(BlobKeys.Original(document.Id), stream, cancellationToken);
        }

        await blobs.DeletePrefixAsync(incoming, cancellationToken);
        return true;
    }
}
