namespace RagPlatform.Cli.Commands;

/// <summary>Expands the paths given to `rag ingest`: files as they are, folders recursively.</summary>
/// <remarks>In folders only files with a supported extension are taken, so a folder with notes and
/// spreadsheets beside its PDFs does not produce a wall of refusals. A file named explicitly is
/// always sent: the server decides from its content, whatever its name.</remarks>
internal static class FileCollector
{
    private static readonly HashSet<string> SupportedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pptx",
    };

    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) Collect(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var missing = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(f => SupportedExtensions.Contains(Path.GetExtension(f)))
                    .Select(Path.GetFullPath)
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                missing.Add(path);
            }
        }

        return (files.Distinct().ToList(), missing);
    }
}
