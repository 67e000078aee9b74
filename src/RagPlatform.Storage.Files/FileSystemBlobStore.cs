using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Files;

/// <summary>Blobs as files under &lt;DataDirectory&gt;/blobs, the key being the relative path. A
/// write goes to a hidden temporary file in the target folder and is renamed over the target, which
/// POSIX and NTFS do atomically: readers see the old file or the new, never a partial one.</summary>
internal sealed class FileSystemBlobStore : IBlobStore
{
    private const string TemporarySuffix = ".tmp";
    private const int FolderDeleteAttempts = 20;

    private readonly string _root;

    public FileSystemBlobStore(IOptions<StorageOptions> options)
    {
        _root = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "blobs"));
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        var newFolder = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        // Keys may not have segments starting with '.', so this name can never be a blob's.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                // Durable before it becomes visible: a crash never leaves a renamed but empty file.
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            if (newFolder)
            {
                // A failed first write (an upload cut off, a full disk) leaves no empty folder behind.
                TryDeleteEmptyFolder(folder);
            }

            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            // FileShare.Delete: a blob being replaced or deleted does not fail its open readers.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException
            || (ex is UnauthorizedAccessException && Directory.Exists(path)))
        {
            // A folder of the same name (a key prefix) is not a blob either.
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(PathOf(key)));

    public Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return File.Exists(path)
            ? Task.FromResult(path)
            : Task.FromException<string>(new FileNotFoundException($"No blob with key '{key}'.", path));
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        // An empty prefix would delete every blob: refuse it rather than trust every caller.
        var validated = BlobKeyRules.ValidatePrefix(prefix);
        return Task.Run(() => DeletePrefix(validated, cancellationToken), cancellationToken);
    }

    private void DeletePrefix(string prefix, CancellationToken cancellationToken)
    {
        var lastSlash = prefix.LastIndexOf('/');
        var folder = lastSlash < 0 ? _root : Path.Combine(_root, prefix[..lastSlash]);
        var namePrefix = prefix[(lastSlash + 1)..];
        if (!Directory.Exists(folder))
        {
            return;
        }

        if (namePrefix.Length == 0)
        {
            // "documents/abc/": the whole folder is the prefix.
            DeleteFolder(folder);
            return;
        }

        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos(namePrefix + "*"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!entry.Name.StartsWith(namePrefix, StringComparison.Ordinal))
            {
                continue; // the pattern match is case-insensitive on some file systems; keys are not
            }

            if (entry is DirectoryInfo directory)
            {
                DeleteFolder(directory.FullName);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Leave the temporary file rather than hide the error that made the write fail.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDeleteEmptyFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: false);
        }
        catch (IOException)
        {
            // Not empty (another blob arrived meanwhile) or already gone: leave it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void DeleteFolder(string folder)
    {
        // A writer that has not yet seen a delete's fence may add a file while the folder is being
        // emptied ("Directory not empty"): empty it again. The fence stops such writers within a
        // page, and they remove what they wrote after it themselves.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                // Deleted concurrently: the outcome is the one asked for.
                return;
            }
            catch (IOException) when (attempt < FolderDeleteAttempts && Directory.Exists(folder))
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(10 * attempt));
            }
        }
    }

    private string PathOf(string key)
    {
        var validated = BlobKeyRules.ValidateKey(key);
        var path = Path.GetFullPath(Path.Combine(_root, validated));
        // Defence in depth: the rules already exclude every way out of the root.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob key '{key}' points outside the blob folder.", nameof(key));
        }

        return path;
    }
}
