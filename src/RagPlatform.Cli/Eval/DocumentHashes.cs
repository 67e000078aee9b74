using System.Security.Cryptography;

namespace RagPlatform.Cli.Eval;

/// <summary>Checks the corpus against the dataset's optional documents.sha256 (the format `sha256sum`
/// writes: "hash  name", names relative to documents/, '#' comments). Questions are judged by page,
/// so a different edition of a file (another package version) would silently move the answers:
/// every corpus file must be listed and match.</summary>
internal static class DocumentHashes
{
    public const string FileName = "documents.sha256";

    /// <exception cref="EvalDatasetException">A file is missing, unlisted or has another hash.</exception>
    public static async Task CheckAsync(EvalDataset dataset, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataset.Folder, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var pinned = await ReadAsync(path, cancellationToken);
        foreach (var document in dataset.Documents)
        {
            var name = dataset.NameOf(document);
            if (!pinned.TryGetValue(name, out var expected))
            {
                throw new EvalDatasetException($"{path} pins no hash for {EvalDataset.DocumentsFolder}/{name}: add it (sha256sum {name}) or remove the file.");
            }

            // A link whose target is gone: the package that ships the file is not installed. (File.Exists
            // says true for a dangling link on Unix: it sees the link itself.)
            var file = new FileInfo(document);
            if (file.LinkTarget is { } target && file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: false })
            {
                throw new EvalDatasetException($"{EvalDataset.DocumentsFolder}/{name} is a link to {target}, which does not exist: install the package that ships it (see the dataset's README).");
            }

            var actual = await HashAsync(document, cancellationToken);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new EvalDatasetException($"{EvalDataset.DocumentsFolder}/{name} has SHA-256 {actual}, but {FileName} pins {expected}: it is not the file the questions were judged on, so their page numbers may not hold (install the pinned version the dataset's README names).");
            }
        }

        var missing = pinned.Keys.Where(name => !dataset.Documents.Any(d => dataset.NameOf(d) == name)).ToList();
        if (missing.Count > 0)
        {
            throw new EvalDatasetException($"{path} pins {string.Join(", ", missing)}, which {(missing.Count == 1 ? "is" : "are")} not in {EvalDataset.DocumentsFolder}/ (a link to an installed file counts).");
        }
    }

    private static async Task<Dictionary<string, string>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var pinned = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length != 64 || !parts[0].All(char.IsAsciiHexDigit))
            {
                throw new EvalDatasetException($"{path}, line {number}: expected \"<64 hex digits>  <file name>\" as sha256sum writes it.");
            }

            // sha256sum marks binary mode with '*' before the name.
            pinned[parts[1].TrimStart('*')] = parts[0];
        }

        return pinned;
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
