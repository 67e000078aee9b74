namespace RagPlatform.Core.Documents;

/// <summary>How many documents are in each status and how many items of each modality exist.</summary>
public sealed record StoreCounts(
    IReadOnlyDictionary<DocumentStatus, int> DocumentsByStatus,
    IReadOnlyDictionary<Modality, int> ItemsByModality);
