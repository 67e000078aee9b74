using RagPlatform.Core.Documents;
using RagPlatform.Storage.Files;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class FileSystemBlobStoreTests : BlobStoreScenarios, IDisposable
{
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected override IBlobStore OpenStore() => new FileSystemBlobStore(_storage.Options());

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Blobs_live_under_the_blobs_folder_of_the_data_directory()
    {
        var key = BlobKeys.Original(Guid.NewGuid());
        await OpenStore().PutAsync(key, new MemoryStream([42]), Token);

        var path = await OpenStore().GetLocalPathAsync(key, Token);

        Assert.Equal(Path.Combine(_storage.DataDirectory, "blobs", "documents", key.Split('/')[1], "original"), path);
    }

    [Fact]
    public async Task A_failed_write_leaves_no_temporary_file_behind()
    {
        var store = OpenStore();
        var key = BlobKeys.Original(Guid.NewGuid());
        await store.PutAsync(key, new MemoryStream([1]), Token);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(key, new MemoryStream(new byte[1000]), cancelled.Token));

        var folder = Path.GetDirectoryName(await store.GetLocalPathAsync(key, Token))!;
        Assert.Equal(["original"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failed_first_write_leaves_no_empty_folder_behind()
    {
        var store = OpenStore();
        var key = BlobKeys.Original(Guid.NewGuid());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(key, new MemoryStream(new byte[1000]), cancelled.Token));

        Assert.False(Directory.Exists(Path.Combine(_storage.DataDirectory, "blobs", "documents", key.Split('/')[1])));
    }
}
