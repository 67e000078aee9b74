namespace RagPlatform.Core.Documents;

/// <summary>Space kept back on the data volume so that deleting still works when the disk is full:
/// a database needs a little room even to delete.</summary>
public interface IStorageReserve
{
    /// <summary>Frees the reserved space. False when there was none to free.</summary>
    Task<bool> ReleaseAsync(CancellationToken cancellationToken);

    /// <summary>Takes the space back if it was released and the volume has room for it again;
    /// does nothing otherwise.</summary>
    Task RestoreAsync(CancellationToken cancellationToken);
}
