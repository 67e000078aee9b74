namespace RagPlatform.Api.Collections;

/// <summary>What DELETE /api/collections/{name} removed.</summary>
public sealed record CollectionDeletedDto(string Name, int DeletedDocuments, int DeletedConversations);
