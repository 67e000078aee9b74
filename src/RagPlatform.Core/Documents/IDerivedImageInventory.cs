namespace RagPlatform.Core.Documents;

/// <summary>The derived images (<see cref="BlobKeys.Derived"/>) already stored when the process
/// starts, so that the cache budget counts what earlier runs left too.</summary>
public interface IDerivedImageInventory
{
    Task<IReadOnlyList<DerivedImageBlob>> ListAsync(CancellationToken cancellationToken);
}
