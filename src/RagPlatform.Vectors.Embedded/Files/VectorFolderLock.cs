namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>A lock of one space folder (the writers' one, or the snapshot's), held across processes (the API and the ingestion
/// workers). An open with <see cref="FileShare.None"/> is an exclusive <c>flock</c> on Unix and a
/// share-mode lock on Windows; either way the operating system drops it when its process dies, so a
/// killed writer never leaves the folder locked.</summary>
internal sealed class VectorFolderLock : IDisposable
{
    private readonly FileStream _stream;

    private VectorFolderLock(FileStream stream) => _stream = stream;

    public static async Task<VectorFolderLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            if (TryAcquire(path) is { } held)
            {
                return held;
            }

            // Held by another writer: retry with a growing pause (a batch takes milliseconds).
            await Task.Delay(wait, cancellationToken);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 50));
        }
    }

    /// <summary>The lock if nobody holds it now; null otherwise.</summary>
    public static VectorFolderLock? TryAcquire(string path)
    {
        try
        {
            return new VectorFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
