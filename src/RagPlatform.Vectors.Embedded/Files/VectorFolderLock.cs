namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>The writers' lock of one space folder, held across processes (the API and the ingestion
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
            try
            {
                return new VectorFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException)
            {
                // Held by another writer: retry with a growing pause (a batch takes milliseconds).
                await Task.Delay(wait, cancellationToken);
                wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 50));
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
