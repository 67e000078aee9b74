namespace RagPlatform.Api.Collections;

/// <summary>The collections a request's API key is limited to, set by the key check as a request
/// feature. Absent when the request may use every collection (keyless loopback mode, or a key
/// without collections).</summary>
internal sealed record CollectionGrant(IReadOnlyList<string> Collections)
{
    public bool Allows(string collection) => Collections.Contains(collection, StringComparer.Ordinal);
}
