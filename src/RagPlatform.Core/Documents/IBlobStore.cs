namespace RagPlatform.Core.Documents;

/// <summary>Files: originals, page renders, embedded images, derived crops and thumbnails. Keys are
/// relative paths with '/' separators (see <see cref="BlobKeys"/>).</summary>
public interface IBlobStore
{
    /// <summary>Writes atomically: a reader sees the old content or the new, never a partial file.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Null when the blob does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>A path on this machine holding the blob's bytes, for libraries that read files (the
    /// file itself for the folder store; a downloaded copy for a remote store).</summary>
    /// <exception cref="FileNotFoundException">No such blob.</exception>
    Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every blob whose key starts with the prefix.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}
