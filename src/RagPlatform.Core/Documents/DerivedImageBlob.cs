namespace RagPlatform.Core.Documents;

/// <summary>A stored derived image: its blob key, its size in bytes and when it was last used.</summary>
public sealed record DerivedImageBlob(string Key, long Bytes, DateTimeOffset LastUsed);
