using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Documents;

/// <summary>Derived images (scaled copies and crops) as blobs of their document, within a size
/// budget (<see cref="ImagesOptions.CacheMegabytes"/>): every read and write marks a blob used, and
/// a write that takes the total past the budget deletes the least recently used ones. Blobs stay
/// under their document's prefix, so deleting a document deletes its derived images too; an entry
/// whose blob went with its document is found missing on its next read, or evicted first (it is
/// never used again). The index lives in memory, seeded once from what is stored
/// (<see cref="IDerivedImageInventory"/>).</summary>
public sealed class DerivedImageCache(IBlobStore blobs, IDerivedImageInventory inventory, IOptions<ImagesOptions> options, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<DerivedImageBlob> _byUse = new(); // least recently used first
    private readonly Dictionary<string, LinkedListNode<DerivedImageBlob>> _byKey = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _seeding = new(1, 1);
    private volatile bool _seeded;
    private long _bytes;

    /// <summary>Bytes of derived images the cache knows of.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public long BudgetBytes => options.Value.CacheBytes;

    /// <summary>The blob's bytes, or null when it is not stored.</summary>
    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken);
        var stream = await blobs.OpenReadAsync(key, cancellationToken);
        if (stream is null)
        {
            Forget(key);
            return null;
        }

        byte[] data;
        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            data = buffer.ToArray();
        }

        Record(key, data.Length);
        return data;
    }

    /// <summary>Stores a derived image, then deletes the least recently used ones while the total is
    /// over the budget (possibly this one: with a budget of 0 nothing is kept).</summary>
    public async Task WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken);
        await blobs.PutAsync(key, new MemoryStream(data.ToArray(), writable: false), cancellationToken);
        Record(key, data.Length);
        foreach (var victim in TakeVictims())
        {
            // The exact key as a prefix: derived names end in ".png", so no other key starts with it.
            await blobs.DeletePrefixAsync(victim, CancellationToken.None);
        }
    }

    public void Dispose() => _seeding.Dispose();

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (_seeded)
        {
            return;
        }

        await _seeding.WaitAsync(cancellationToken);
        try
        {
            if (_seeded)
            {
                return;
            }

            var stored = await inventory.ListAsync(cancellationToken);
            lock (_gate)
            {
                foreach (var blob in stored.OrderBy(b => b.LastUsed))
                {
                    if (!_byKey.ContainsKey(blob.Key))
                    {
                        _byKey[blob.Key] = _byUse.AddLast(blob);
                        _bytes += blob.Bytes;
                    }
                }
            }

            _seeded = true;
        }
        finally
        {
            _seeding.Release();
        }
    }

    private void Record(string key, long bytes)
    {
        lock (_gate)
        {
            if (_byKey.Remove(key, out var node))
            {
                _byUse.Remove(node);
                _bytes -= node.Value.Bytes;
            }

            _byKey[key] = _byUse.AddLast(new DerivedImageBlob(key, bytes, time.GetUtcNow()));
            _bytes += bytes;
        }
    }

    private void Forget(string key)
    {
        lock (_gate)
        {
            if (_byKey.Remove(key, out var node))
            {
                _byUse.Remove(node);
                _bytes -= node.Value.Bytes;
            }
        }
    }

    private List<string> TakeVictims()
    {
        var victims = new List<string>();
        lock (_gate)
        {
            while (_bytes > BudgetBytes && _byUse.First is { } oldest)
            {
                _byUse.RemoveFirst();
                _byKey.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Bytes;
                victims.Add(oldest.Value.Key);
            }
        }

        return victims;
    }
}
