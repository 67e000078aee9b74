using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Files;

/// <summary>The reserve as a file of Storage:ReservedSpaceMegabytes in the data folder, written with
/// real blocks (not a sparse file, which would reserve nothing).</summary>
internal sealed class FileStorageReserve : IStorageReserve, IDisposable
{
    public const string FileName = "reserved-space";

    private readonly string _path;
    private readonly long _bytes;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Known to be in place: restoring is then free, so callers may ask after every write.
    private volatile bool _present;

    public FileStorageReserve(IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        _path = Path.Combine(Path.GetFullPath(settings.DataDirectory), FileName);
        _bytes = settings.ReservedSpaceMegabytes * 1024L * 1024L;
    }

    public void Dispose() => _gate.Dispose();

    public async Task<bool> ReleaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(_path))
            {
                return false;
            }

            _present = false;
            File.Delete(_path);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        if (_bytes == 0 || _present)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(_path) || new FileInfo(_path).Length != _bytes)
            {
                await WriteAsync(cancellationToken);
            }

            _present = File.Exists(_path);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(folder);
        var temporary = _path + ".tmp";
        try
        {
            var block = new byte[1024 * 1024];
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            {
                for (long written = 0; written < _bytes; written += block.Length)
                {
                    await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, _bytes - written)), cancellationToken);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
        catch (IOException ex) when (StorageSpace.IsOutOfSpace(ex))
        {
            // No room yet: the next delete or start tries again.
            File.Delete(temporary);
        }
    }
}
