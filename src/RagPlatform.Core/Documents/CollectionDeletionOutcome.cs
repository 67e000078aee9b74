namespace RagPlatform.Core.Documents;

/// <summary>What a collection's delete removed; both 0 when the collection held nothing.</summary>
public sealed record CollectionDeletionOutcome(int Documents, int Conversations);
