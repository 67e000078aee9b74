namespace RagPlatform.Core.Documents;

/// <summary>Metadata of documents, their pages and items. One implementation per database; all
/// pass the same scenario suite.</summary>
public interface IDocumentStore
{
    /// <summary>Adds the document unless a live document already holds the same content
    /// (<see cref="Document.Sha256"/>, unique): returns the one stored for that content, this one
    /// or the other. Concurrent adds of the same content store exactly one.</summary>
    Task<Document> AddAsync(Document document, CancellationToken cancellationToken);

    /// <summary>The first step of a delete: fences the document so that every later write of data
    /// derived from it (pages, items, lexical entries, vectors, its job) is ignored, by any process,
    /// removes its job and frees its content for a new upload. Readers no longer see it. The row
    /// itself goes with <see cref="DeleteAsync"/>. False when no such document exists.</summary>
    Task<bool> BeginDeletionAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Null when there is none or its deletion began.</summary>
    Task<Document?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The live document holding this content, if any.</summary>
    Task<Document?> FindBySha256Async(string sha256, CancellationToken cancellationToken);

    /// <summary>The newest live document with exactly this file name, if any: the one an upload of a
    /// changed file with the same name replaces.</summary>
    Task<Document?> FindNewestByFileNameAsync(string fileName, CancellationToken cancellationToken);

    /// <summary>The first step of replacing a document's content, in one transaction: when the live
    /// document still holds <paramref name="expectedSha256"/> and no other live document holds the
    /// new content, writes the file name, type, size and content of <paramref name="replacement"/>
    /// (same id) with its status and progress, and removes the document's job (a worker busy with the
    /// old content loses its lease and its status writes are ignored, see <see cref="UpdateAsync"/>).</summary>
    Task<ContentSwap> SwapContentAsync(Document replacement, string expectedSha256, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Document>> ListAsync(int skip, int take, CancellationToken cancellationToken);

    /// <summary>Writes status, error, progress and item count of an existing document, unless its
    /// content was replaced since <paramref name="document"/> was read (its
    /// <see cref="Document.Sha256"/> differs): a run of the old content changes nothing.</summary>
    Task UpdateAsync(Document document, CancellationToken cancellationToken);

    /// <summary>Deletes the document with its pages and items. False when it did not exist.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Stores one page and its items in one transaction, replacing what an earlier,
    /// interrupted attempt may have stored for the same page.</summary>
    Task SavePageAsync(PageInfo page, IReadOnlyList<Item> items, CancellationToken cancellationToken);

    /// <summary>Removes every page and item of a document, keeping the document row (a retry starts
    /// from a clean slate).</summary>
    Task ClearContentAsync(Guid documentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PageInfo>> GetPagesAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>The pages of these documents that are not <see cref="PageKind.Content"/> (tables of
    /// contents, indexes), in document and page order.</summary>
    Task<IReadOnlyList<PageInfo>> GetNavigationPagesAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<Item>> GetDocumentItemsAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>The items with these ids that exist; order is not kept.</summary>
    Task<IReadOnlyList<Item>> GetItemsAsync(IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken);

    Task<Item?> GetItemAsync(Guid itemId, CancellationToken cancellationToken);

    Task<StoreCounts> CountAsync(CancellationToken cancellationToken);
}
