using System.Collections.Concurrent;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Tests.Documents;

/// <summary>Blobs in a dictionary, for use-case tests without a disk.</summary>
internal sealed class MemoryBlobStore : IBlobStore
{
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        Blobs[key] = buffer.ToArray();
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(Blobs.TryGetValue(key, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Blobs.ContainsKey(key));

    public Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The memory store has no files.");

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        foreach (var key in Blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Blobs.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
