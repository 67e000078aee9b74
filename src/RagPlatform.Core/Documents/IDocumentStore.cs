namespace RagPlatform.Core.Documents;

/// <summary>Metadata of documents, their pages and items. One implementation per database; all
/// pass the same scenario suite.</summary>
public interface IDocumentStore
{
    /// <summary>Adds the document unless a live document of the same collection already holds the
    /// same content (<see cref="Document.Sha256"/>, unique per collection): returns the one stored for
    /// that content, this one or the other. Concurrent adds of the same content to one collection
    /// store exactly one; the same content in two collections is two documents. A document it
    /// stores gets its first ingestion job (<see cref="Ingestion.IJobQueue"/>) in the same
    /// transaction, and idle workers are woken: no crash leaves a row without its job.</summary>
    Task<Document> AddAsync(Document document, CancellationToken cancellationToken);

    /// <summary>The first step of a delete: fences the document so that every later write of data
    /// derived from it (pages, items, lexical entries, vectors, its job) is ignored, by any process,
    /// removes its job and frees its content for a new upload. Readers no longer see it. The row
    /// itself goes with <see cref="DeleteAsync"/>. False when no such document exists.</summary>
    Task<bool> BeginDeletionAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Null when there is none or its deletion began.</summary>
    Task<Document?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The live document of the collection holding this content, if any.</summary>
    Task<Document?> FindBySha256Async(string collection, string sha256, CancellationToken cancellationToken);

    /// <summary>The newest live document of the collection with exactly this file name, if any: the
    /// one an upload of a changed file with the same name replaces.</summary>
    Task<Document?> FindNewestByFileNameAsync(string collection, string fileName, CancellationToken cancellationToken);

    /// <summary>The first step of replacing a document's content, in one transaction: when the live
    /// document still holds <paramref name="expectedSha256"/> and no other live document holds the
    /// new content, writes the file name, type, size and content of <paramref name="replacement"/>
    /// (same id) with its status and progress, and removes the document's job (a worker busy with the
    /// old content loses its lease and its status writes are ignored, see <see cref="UpdateAsync"/>).</summary>
    Task<ContentSwap> SwapContentAsync(Document replacement, string expectedSha256, CancellationToken cancellationToken);

    /// <summary>Newest first, of one collection (null: of all).</summary>
    Task<IReadOnlyList<Document>> ListAsync(string? collection, int skip, int take, CancellationToken cancellationToken);

    /// <summary>The ids of every live document of the collection.</summary>
    Task<IReadOnlyList<Guid>> ListIdsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Every collection that holds a live document, by name.</summary>
    Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken);

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

    /// <summary>Documents by status and items by modality, of one collection (null: of all).</summary>
    Task<StoreCounts> CountAsync(string? collection, CancellationToken cancellationToken);
}
