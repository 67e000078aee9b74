using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Files;

/// <summary>The derived images under &lt;DataDirectory&gt;/blobs/documents/*/derived/, as the
/// folder blob store lays them out; a file's last write stands for its last use.</summary>
internal sealed class FileSystemDerivedImageInventory(IOptions<StorageOptions> options) : IDerivedImageInventory
{
    public Task<IReadOnlyList<DerivedImageBlob>> ListAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var root = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "blobs"));
            var documents = Path.Combine(root, "documents");
            var found = new List<DerivedImageBlob>();
            if (!Directory.Exists(documents))
            {
                return (IReadOnlyList<DerivedImageBlob>)found;
            }

            foreach (var folder in Directory.EnumerateDirectories(documents))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var derived = new DirectoryInfo(Path.Combine(folder, "derived"));
                if (!derived.Exists)
                {
                    continue;
                }

                // Hidden names are a writer's temporary files, not blobs.
                foreach (var file in derived.EnumerateFiles().Where(f => !f.Name.StartsWith('.')))
                {
                    var key = Path.GetRelativePath(root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
                    found.Add(new DerivedImageBlob(key, file.Length, file.LastWriteTimeUtc));
                }
            }

            return found;
        },
        cancellationToken);
}
