namespace RagPlatform.Core.Documents;

/// <summary>A collection that holds documents, and how many.</summary>
public sealed record CollectionSummary(string Name, int DocumentCount);
