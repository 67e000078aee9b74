using System.Text;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Cleans a title a document gives itself in its metadata before it is indexed: producers
/// leave control characters, runs of spaces, whole paragraphs or just the file name there.</summary>
internal static class DocumentTitle
{
    /// <summary>Characters kept; a longer "title" is an abstract pasted into the wrong box.</summary>
    public const int MaxLength = 500;

    private static readonly string[] FileExtensions =
        [".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".tex", ".dvi", ".ps", ".indd", ".xls", ".xlsx", ".ppt", ".pptx", ".htm", ".html", ".md"];

    /// <returns>The title trimmed, without control characters and with whitespace runs collapsed, at
    /// most <see cref="MaxLength"/> characters; null when nothing is left or when it only names a file
    /// ("report.docx", "C:\temp\draft.pdf", "Microsoft Word - report.doc", the file's own name).</returns>
    public static string? Clean(string? raw, string path)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = new StringBuilder(Math.Min(raw.Length, MaxLength));
        var pendingSpace = false;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // A line break or tab separates words; other control characters are noise.
                pendingSpace |= char.IsWhiteSpace(c);
                continue;
            }

            if (pendingSpace && text.Length > 0)
            {
                text.Append(' ');
            }

            pendingSpace = false;
            text.Append(c);
            if (text.Length >= MaxLength)
            {
                break;
            }
        }

        var title = text.ToString().Trim();
        if (title.Length == 0 || NamesAFile(title, path))
        {
            return null;
        }

        return title;
    }

    private static bool NamesAFile(string title, string path)
    {
        var fileName = Path.GetFileName(path);
        if (title.Equals(fileName, StringComparison.OrdinalIgnoreCase)
            || title.Equals(Path.GetFileNameWithoutExtension(fileName), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return FileExtensions.Any(extension => title.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
    }
}
