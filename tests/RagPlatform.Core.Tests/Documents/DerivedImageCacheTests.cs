using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Tests.Documents;

public sealed class DerivedImageCacheTests
{
    private static readonly Guid Document = Guid.NewGuid();

    [Fact]
    public async Task A_write_over_the_budget_deletes_the_least_recently_used_including_what_an_earlier_run_left()
    {
        var blobs = new MemoryBlobStore();
        var old = BlobKeys.Derived(Document, "old-scaled-128.png");
        blobs.Blobs[old] = new byte[400];
        using var cache = new DerivedImageCache(blobs, new Inventory([new DerivedImageBlob(old, 400, DateTimeOffset.UnixEpoch)]), Budget(1000), TimeProvider.System);
        var (a, b, c) = (Key("a"), Key("b"), Key("c"));

        await cache.WriteAsync(a, new byte[300], CancellationToken.None);
        Assert.Equal(700, cache.Bytes);
        await cache.WriteAsync(b, new byte[301], CancellationToken.None);
        Assert.False(blobs.Blobs.ContainsKey(old)); // 1001 bytes: over the budget, the oldest goes first

        Assert.NotNull(await cache.ReadAsync(a, CancellationToken.None)); // a is now newer than b
        await cache.WriteAsync(c, new byte[500], CancellationToken.None);

        Assert.Equal([a, c], blobs.Blobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(800, cache.Bytes);
    }

    [Fact]
    public async Task A_blob_deleted_with_its_document_is_read_as_missing_and_no_longer_counted()
    {
        var blobs = new MemoryBlobStore();
        using var cache = new DerivedImageCache(blobs, new Inventory([]), Budget(1000), TimeProvider.System);
        await cache.WriteAsync(Key("a"), new byte[300], CancellationToken.None);

        await blobs.DeletePrefixAsync(BlobKeys.DocumentPrefix(Document), CancellationToken.None);

        Assert.Null(await cache.ReadAsync(Key("a"), CancellationToken.None));
        Assert.Equal(0, cache.Bytes);
    }

    private static string Key(string name) => BlobKeys.Derived(Document, $"{name}-scaled-256.png");

    private static IOptions<ImagesOptions> Budget(long bytes) =>
        Options.Create(new ImagesOptions { CacheMegabytes = bytes / (1024.0 * 1024.0) });

    private sealed class Inventory(IReadOnlyList<DerivedImageBlob> blobs) : IDerivedImageInventory
    {
        public Task<IReadOnlyList<DerivedImageBlob>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(blobs);
    }
}
