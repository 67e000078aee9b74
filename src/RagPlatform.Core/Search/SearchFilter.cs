using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>Restricts a search. An empty set means no restriction.</summary>
public sealed record SearchFilter(IReadOnlySet<Modality> Modalities, IReadOnlySet<Guid> DocumentIds)
{
    public static SearchFilter None { get; } = new(new HashSet<Modality>(), new HashSet<Guid>());

    public bool Allows(Modality modality, Guid documentId) =>
        (Modalities.Count == 0 || Modalities.Contains(modality)) &&
        (DocumentIds.Count == 0 || DocumentIds.Contains(documentId));
}
