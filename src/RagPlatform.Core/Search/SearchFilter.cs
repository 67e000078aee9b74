using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>Restricts a search. An empty set means no restriction.</summary>
/// <param name="Collection">Only items of documents in this collection; null for every collection
/// (for tools and tests: the API always names one). Retrievers apply it before they take their
/// top k, never after.</param>
public sealed record SearchFilter(IReadOnlySet<Modality> Modalities, IReadOnlySet<Guid> DocumentIds, string? Collection = null)
{
    public static SearchFilter None { get; } = new(new HashSet<Modality>(), new HashSet<Guid>());

    /// <summary>Everything in one collection.</summary>
    public static SearchFilter In(string collection) => None with { Collection = collection };

    public bool Allows(Modality modality, Guid documentId) =>
        (Modalities.Count == 0 || Modalities.Contains(modality)) &&
        (DocumentIds.Count == 0 || DocumentIds.Contains(documentId));
}
