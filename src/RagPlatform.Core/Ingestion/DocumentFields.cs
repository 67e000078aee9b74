using System.Text;

namespace RagPlatform.Core.Ingestion;

/// <summary>The words that name a document, for the lexical index's fields: its file name split into
/// words ("R-intro.pdf" → "R intro", "UserGuide_v2.pdf" → "User Guide v2") and its title.</summary>
public static class DocumentFields
{
    public static string For(string fileName, string? title)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileNameWithoutExtension(fileName);
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                words.Append(' ');
                continue;
            }

            // A lower-case letter or digit followed by a capital starts a new word (camelCase).
            if (i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]))
            {
                words.Append(' ');
            }

            words.Append(c);
        }

        var split = string.Join(' ', words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return string.IsNullOrWhiteSpace(title) || RepeatsFileName(title.Trim(), fileName, name)
            ? split
            : $"{split} {title.Trim()}";
    }

    /// <summary>A title that is only the file name (producers often write it there) adds nothing
    /// but a second count of the same words.</summary>
    private static bool RepeatsFileName(string title, string fileName, string name) =>
        title.Equals(Path.GetFileName(fileName), StringComparison.OrdinalIgnoreCase)
        || title.Equals(name, StringComparison.OrdinalIgnoreCase);
}
