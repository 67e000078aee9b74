namespace RagPlatform.QdrantWire;

/// <summary>The key every call must carry; null for an open server.</summary>
internal sealed record WireAccess(string? ApiKey);
