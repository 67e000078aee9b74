namespace RagPlatform.Benchmarks.Server;

/// <summary>A document as the API's list shows it; <paramref name="Status"/> in the API's spelling
/// ("queued", "processing", "ready", "failed").</summary>
internal sealed record DocumentState(Guid Id, string Status, string? Error, int PagesTotal, int ItemCount, DateTimeOffset UpdatedAt)
{
    public bool IsFinished => Status is "ready" or "failed";
}
