using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Documents;

/// <summary>Accepts an upload: checks size and type, recognises a file already stored, stores the
/// original and queues its ingestion.</summary>
public sealed class DocumentIntake(
    IDocumentStore store,
    IBlobStore blobs,
    IJobQueue queue,
    IOptions<UploadOptions> options,
    StorageSpace space,
    IStorageReserve reserve,
    TimeProvider time)
{
    /// <summary>Checks an upload without storing anything: not empty, within the size limit, a
    /// supported format. The stream is left where it was.</summary>
    /// <param name="content">The upload; must be seekable.</param>
    /// <exception cref="UploadRejectedException">Empty, too large, or not a supported format.</exception>
    public async Task<DetectedMediaType> CheckAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var size = content.Length - content.Position;
        if (size == 0)
        {
            throw new UploadRejectedException(UploadRejection.Empty, $"'{fileName}' is empty.");
        }

        var limit = options.Value.MaxFileBytes;
        if (size > limit)
        {
            throw new UploadRejectedException(UploadRejection.TooLarge, $"'{fileName}' is {size:N0} bytes; the limit is {limit:N0} bytes.");
        }

        var start = content.Position;
        var detected = await MediaTypeSniffer.DetectAsync(content, fileName, cancellationToken);
        content.Position = start;
        return detected
            ?? throw new UploadRejectedException(UploadRejection.UnsupportedType, $"'{fileName}' is not a supported file type. Supported: {MediaTypeSniffer.SupportedFormats}.");
    }

    /// <param name="content">The upload; must be seekable (it is read twice: hash, then store).</param>
    /// <exception cref="UploadRejectedException">Empty, too large, or not a supported format.</exception>
    /// <remarks>Concurrent uploads of the same bytes give one document: the store's unique content
    /// key lets one of them add it, and the others get it back as a duplicate.</remarks>
    /// <param name="collection">A valid collection name (<see cref="CollectionName"/>).</param>
    public async Task<IntakeResult> AcceptAsync(Stream content, string fileName, string collection, CancellationToken cancellationToken)
    {
        if (!CollectionName.IsValid(collection))
        {
            throw new ArgumentException($"'{collection}' is not a valid collection name.", nameof(collection));
        }

        var detected = await CheckAsync(content, fileName, cancellationToken);
        var size = content.Length - content.Position;
        var start = content.Position;
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        try
        {
            var result = await StoreAsync(content, start, fileName, collection, size, sha256, detected, cancellationToken);
            space.ObserveSuccess();
            // After a full disk was cleared up: keep space back for deletes again.
            await reserve.RestoreAsync(cancellationToken);
            return result;
        }
        catch (Exception ex) when (space.Observe(ex))
        {
            throw;
        }
    }

    private async Task<IntakeResult> StoreAsync(Stream content, long start, string fileName, string collection, long size, string sha256, DetectedMediaType detected, CancellationToken cancellationToken)
    {
        var existing = await store.FindBySha256Async(collection, sha256, cancellationToken);
        if (existing is null)
        {
            content.Position = start;
            var created = await CreateAsync(content, fileName, collection, size, sha256, detected, cancellationToken);
            if (created.Duplicate)
            {
                existing = created.Document;
            }
            else
            {
                // Stored with its job (IDocumentStore.AddAsync).
                return created;
            }
        }

        if (existing.Status != DocumentStatus.Failed)
        {
            if (existing.Status == DocumentStatus.Queued)
            {
                // Queued but perhaps never enqueued (the process died between the two writes):
                // enqueueing again is harmless and unsticks it.
                await queue.EnqueueAsync(existing.Id, cancellationToken);
            }

            return new IntakeResult(existing, Duplicate: true);
        }

        // The same bytes failed before (perhaps on a bug fixed since): try them again.
        var retried = existing with { Status = DocumentStatus.Queued, Error = null, PagesDone = 0, UpdatedAt = time.GetUtcNow() };
        await store.UpdateAsync(retried, cancellationToken);
        await queue.EnqueueAsync(retried.Id, cancellationToken);
        return new IntakeResult(retried, Duplicate: false);
    }

    /// <returns>The new document, or (Duplicate) the one a concurrent upload of the same bytes stored first.</returns>
    private async Task<IntakeResult> CreateAsync(Stream content, string fileName, string collection, long size, string sha256, DetectedMediaType detected, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var document = new Document(
            Guid.CreateVersion7(now), SafeFileName(fileName, detected), detected.MediaType, detected.Kind, size, sha256,
            DocumentStatus.Queued, null, 0, 0, 0, now, now, collection);

        // The original is stored before the row that points at it: a crash in between leaves an
        // unreferenced file, never a document without its bytes. A failed write or a lost race
        // removes the file (and its folder) again.
        var prefix = BlobKeys.DocumentPrefix(document.Id);
        Document stored;
        try
        {
            await blobs.PutAsync(BlobKeys.Original(document.Id), content, cancellationToken);
            stored = await store.AddAsync(document, cancellationToken);
        }
        catch
        {
            await blobs.DeletePrefixAsync(prefix, CancellationToken.None);
            throw;
        }

        if (stored.Id != document.Id)
        {
            await blobs.DeletePrefixAsync(prefix, cancellationToken);
            return new IntakeResult(stored, Duplicate: true);
        }

        return new IntakeResult(document, Duplicate: false);
    }

    /// <summary>Keeps the name a user gave (it is shown and used for downloads) minus any path, and
    /// gives a nameless upload a name from its type.</summary>
    internal static string SafeFileName(string fileName, DetectedMediaType detected)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        return string.IsNullOrEmpty(name) ? $"upload.{detected.Extension}" : name;
    }
}
