namespace RagPlatform.Core.Documents;

/// <summary>The tombstones the deletion fence leaves (<see cref="IDocumentStore.BeginDeletionAsync"/>).
/// A tombstone keeps refusing the late writes of a worker that was still busy with the document when
/// its deletion began; once no such worker can be left, it only takes space, and is pruned.</summary>
public interface IDeletionTombstones
{
    /// <summary>Removes the tombstones that can no longer matter: the document's row is gone (its
    /// delete finished; an interrupted delete keeps its tombstone, or the row would come back to
    /// readers), no job of the document exists, and the fence settled at or before
    /// <paramref name="settledBefore"/> — the later of the moment its deletion began and the end of
    /// the lease a worker then held on its job. Document ids are never reused (a re-upload of the
    /// same file is a new document), so a removed tombstone fences nothing that could come back.</summary>
    /// <returns>How many tombstones were removed.</returns>
    Task<int> PruneAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken);
}
