namespace RagPlatform.Core.Access;

/// <summary>One API key as stored: never the secret itself, only its SHA-256.</summary>
/// <param name="Id">Short random id, shown by `rag keys list` and accepted by `rag keys revoke`.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the secret's UTF-8 bytes.</param>
/// <param name="Collections">The collections the key is limited to; empty for all. Another
/// collection's endpoints answer 403, and its documents, items and conversations 404.</param>
/// <param name="RevokedAt">When it was revoked; a revoked key is kept (for the listing) but never accepted.</param>
public sealed record ApiKey(
    string Id,
    string Name,
    ApiKeyScope Scope,
    IReadOnlyList<string> Collections,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null)
{
    public bool IsActive => RevokedAt is null;

    public bool Allows(ApiKeyScope needed) => IsActive && Scope >= needed;

    public bool AllowsCollection(string collection) => Collections.Count == 0 || Collections.Contains(collection, StringComparer.Ordinal);

    public ApiKey Revoke(DateTimeOffset at) => IsActive ? this with { RevokedAt = at } : this;
}
