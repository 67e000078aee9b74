using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>What every <see cref="IBlobStore"/> must do.</summary>
public abstract class BlobStoreScenarios
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A store over this test's own, initially empty data; each call opens a new instance
    /// over the same data (as after a restart).</summary>
    protected abstract IBlobStore OpenStore();

    public static TheoryData<string> HostileKeys =>
    [
        "", "../escape", "documents/../../escape", "documents/./x", "/etc/passwd", "documents\\x", "C:/windows/x",
        "documents//x", "documents/x/", ".hidden", "documents/..", "a/\0b",
    ];

    [Fact]
    public async Task A_stored_blob_reads_back_with_the_same_bytes()
    {
        var bytes = RandomBytes(100_000);
        var key = BlobKeys.Original(Guid.NewGuid());
        await OpenStore().PutAsync(key, new MemoryStream(bytes), Token);

        var store = OpenStore();
        Assert.True(await store.ExistsAsync(key, Token));
        Assert.Equal(bytes, await ReadAllAsync(store, key));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(await store.GetLocalPathAsync(key, Token), Token));
    }

    [Fact]
    public async Task Putting_again_replaces_the_content()
    {
        var store = OpenStore();
        var key = BlobKeys.PageRender(Guid.NewGuid(), 3);
        await store.PutAsync(key, new MemoryStream(RandomBytes(5000)), Token);
        var replacement = RandomBytes(70);

        await store.PutAsync(key, new MemoryStream(replacement), Token);

        Assert.Equal(replacement, await ReadAllAsync(store, key));
    }

    [Fact]
    public async Task A_missing_blob_is_absent_everywhere()
    {
        var store = OpenStore();
        var key = BlobKeys.Original(Guid.NewGuid());

        Assert.Null(await store.OpenReadAsync(key, Token));
        Assert.False(await store.ExistsAsync(key, Token));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.GetLocalPathAsync(key, Token));
    }

    [Fact]
    public async Task A_key_that_is_only_a_prefix_of_other_keys_is_not_a_blob()
    {
        var store = OpenStore();
        var document = Guid.NewGuid();
        await store.PutAsync(BlobKeys.PageRender(document, 1), new MemoryStream([1]), Token);
        var folder = BlobKeys.DocumentPrefix(document) + "pages";

        Assert.Null(await store.OpenReadAsync(folder, Token));
        Assert.False(await store.ExistsAsync(folder, Token));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.GetLocalPathAsync(folder, Token));
    }

    [Fact]
    public async Task A_write_that_fails_midway_leaves_the_old_content()
    {
        var store = OpenStore();
        var key = BlobKeys.Original(Guid.NewGuid());
        var original = RandomBytes(1000);
        await store.PutAsync(key, new MemoryStream(original), Token);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(key, new FailingStream(RandomBytes(200_000), failAfter: 100_000), Token));

        Assert.Equal(original, await ReadAllAsync(store, key));
    }

    [Fact]
    public async Task Deleting_a_prefix_removes_every_blob_under_it_and_nothing_else()
    {
        var store = OpenStore();
        var doomed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        string[] doomedKeys =
        [
            BlobKeys.Original(doomed), BlobKeys.PageRender(doomed, 1), BlobKeys.EmbeddedImage(doomed, 1, 0, "jpg"), BlobKeys.Derived(doomed, "thumb.png"),
        ];
        foreach (var key in doomedKeys.Append(BlobKeys.Original(kept)).Append(BlobKeys.PageRender(kept, 1)))
        {
            await store.PutAsync(key, new MemoryStream(RandomBytes(10)), Token);
        }

        await store.DeletePrefixAsync(BlobKeys.DocumentPrefix(doomed), Token);

        foreach (var key in doomedKeys)
        {
            Assert.False(await store.ExistsAsync(key, Token), key);
        }

        Assert.True(await store.ExistsAsync(BlobKeys.Original(kept), Token));
        Assert.True(await store.ExistsAsync(BlobKeys.PageRender(kept, 1), Token));
        await store.DeletePrefixAsync(BlobKeys.DocumentPrefix(Guid.NewGuid()), Token);
    }

    [Fact]
    public async Task A_prefix_need_not_end_at_a_folder()
    {
        var store = OpenStore();
        var document = Guid.NewGuid();
        await store.PutAsync(BlobKeys.PageRender(document, 1), new MemoryStream([1]), Token);
        await store.PutAsync(BlobKeys.PageRender(document, 12), new MemoryStream([1]), Token);
        await store.PutAsync(BlobKeys.PageRender(document, 2), new MemoryStream([1]), Token);

        await store.DeletePrefixAsync(BlobKeys.DocumentPrefix(document) + "pages/1", Token);

        Assert.False(await store.ExistsAsync(BlobKeys.PageRender(document, 1), Token));
        Assert.False(await store.ExistsAsync(BlobKeys.PageRender(document, 12), Token));
        Assert.True(await store.ExistsAsync(BlobKeys.PageRender(document, 2), Token));
    }

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public async Task Keys_that_could_escape_or_are_malformed_are_rejected(string key)
    {
        var store = OpenStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream([1, 2, 3]), Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.OpenReadAsync(key, Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ExistsAsync(key, Token));
    }

    [Fact]
    public async Task An_empty_prefix_is_refused_rather_than_deleting_everything()
    {
        var store = OpenStore();
        var key = BlobKeys.Original(Guid.NewGuid());
        await store.PutAsync(key, new MemoryStream([1]), Token);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.DeletePrefixAsync("", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.DeletePrefixAsync("../", Token));

        Assert.True(await store.ExistsAsync(key, Token));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(IBlobStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, Token);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Token);
        return copy.ToArray();
    }

    /// <summary>A source that breaks partway, like a client disconnecting during an upload.</summary>
    private sealed class FailingStream(byte[] content, int failAfter) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => Position >= failAfter
            ? throw new IOException("The client disconnected.")
            : base.Read(buffer, offset, Math.Min(count, failAfter - (int)Position + 1));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Position >= failAfter
            ? throw new IOException("The client disconnected.")
            : base.ReadAsync(buffer[..Math.Min(buffer.Length, failAfter - (int)Position + 1)], cancellationToken);
    }
}
