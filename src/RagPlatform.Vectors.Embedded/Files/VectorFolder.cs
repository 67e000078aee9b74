using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>The files of one dense space under <c>&lt;data&gt;/vectors/&lt;space&gt;/</c>: the
/// append-only log of the current generation (<c>vectors-000001.log</c>), the <c>manifest</c> naming
/// that generation (replaced by an atomic rename when a compaction writes the next one), the
/// writers' <c>lock</c>, the <c>snapshot.lock</c> and, in quantized mode, a snapshot of the generation's rows
/// (<c>vectors-000001.codes</c>) that a reload reads instead of re-quantising the whole log. No manifest means the folder was never set up (see <see cref="VectorFolderSetup"/>).</summary>
internal sealed class VectorFolder(string path)
{
    public string Path { get; } = path;

    public string LockPath => System.IO.Path.Combine(Path, "lock");

    /// <summary>Held while a snapshot file is written, after its rows were captured under the
    /// writers' lock (<see cref="LockPath"/>) and that lock was let go: it keeps a compaction from
    /// removing the generation meanwhile and gives one writer at a time the temporary name. Taken
    /// after the writers' lock by whoever needs both, never before it.</summary>
    public string SnapshotLockPath => System.IO.Path.Combine(Path, "snapshot.lock");

    private string ManifestPath => System.IO.Path.Combine(Path, "manifest");

    public string LogPath(long generation) =>
        System.IO.Path.Combine(Path, string.Create(CultureInfo.InvariantCulture, $"vectors-{generation:D6}.log"));

    /// <summary>The snapshot of a generation's rows (<see cref="VectorSnapshotFormat"/>): a cache
    /// of the log, which stays the one authority.</summary>
    public string SnapshotPath(long generation) =>
        System.IO.Path.Combine(Path, string.Create(CultureInfo.InvariantCulture, $"vectors-{generation:D6}.codes"));

    /// <summary>The current generation; 0 when there is no manifest yet.</summary>
    // Read synchronously with one positioned read: every search runs this freshness check, and the
    // manifest is a few bytes, so an async read's thread-pool hop (which a busy machine stretches to
    // milliseconds) would cost far more than the read itself.
    public ValueTask<long> ReadGenerationAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Span<byte> text = stackalloc byte[32];
        int length;
        try
        {
            using var manifest = File.OpenHandle(ManifestPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = RandomAccess.Read(manifest, text, 0);
        }
        catch (FileNotFoundException)
        {
            return ValueTask.FromResult(0L);
        }
        catch (DirectoryNotFoundException)
        {
            return ValueTask.FromResult(0L);
        }

        ReadOnlySpan<byte> read = text[..length];
        return ValueTask.FromResult(long.Parse(read[System.Text.Ascii.Trim(read)], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>Makes <paramref name="generation"/> current: written beside the manifest, flushed,
    /// then renamed over it, so a reader sees the old or the new manifest, never half of one.</summary>
    public async Task WriteGenerationAsync(long generation, CancellationToken cancellationToken)
    {
        var temporary = ManifestPath + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(generation.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, ManifestPath, overwrite: true);
    }

    /// <summary>Opens a generation's log for reading; null when a compaction has removed it since
    /// the manifest was read (the caller reads the manifest again).</summary>
    public SafeFileHandle? OpenForReading(long generation)
    {
        try
        {
            return File.OpenHandle(LogPath(generation), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The log's length, the cheap "anything new?" check before a search; -1 when the
    /// file is gone (compacted away).</summary>
    public long LengthOf(long generation)
    {
        var info = new FileInfo(LogPath(generation));
        return info.Exists ? info.Length : -1;
    }
}
