using System.Text.RegularExpressions;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>Recognises pages that point to content instead of holding it: a table of contents (titles
/// ending in page numbers, often after dotted leaders, the numbers rising down the page) and a
/// back-of-book index (terms followed by a comma and page numbers). Their words repeat the words of
/// the pages they list, so search ranks them lower (<see cref="Search.SearchOptions.NavigationPageFactor"/>).</summary>
public static partial class NavigationPageDetector
{
    /// <summary>Fewer lines with letters than this is too little to call a page a list.</summary>
    public const int MinLines = 5;

    /// <summary>Share of the lines with letters that must be list entries.</summary>
    public const double MinEntryShare = 0.5;

    /// <summary>Share of consecutive table-of-contents numbers that must not fall: a table of data
    /// whose rows end in numbers has them in any order.</summary>
    public const double MinRisingShare = 0.7;

    public static PageKind Detect(IReadOnlyList<ExtractedWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var lines = Lines(words).Where(l => l.Any(char.IsLetter)).ToList();
        if (lines.Count < MinLines)
        {
            return PageKind.Content;
        }

        var indexLines = 0;
        var contentsNumbers = new List<int>();
        var leaderLines = 0;
        foreach (var line in lines)
        {
            if (IndexEntry().IsMatch(line))
            {
                indexLines++;
            }
            else if (ContentsEntry().Match(line) is { Success: true } entry)
            {
                contentsNumbers.Add(PageNumberValue(entry.Groups["page"].Value));
                leaderLines += Leaders().IsMatch(line) ? 1 : 0;
            }
        }

        if (indexLines + contentsNumbers.Count < lines.Count * MinEntryShare)
        {
            return PageKind.Content;
        }

        if (indexLines >= contentsNumbers.Count / 2)
        {
            return PageKind.Index;
        }

        var rising = Enumerable.Range(1, contentsNumbers.Count - 1).Count(i => contentsNumbers[i] >= contentsNumbers[i - 1]);
        var mostlyRising = contentsNumbers.Count < 2 || rising >= (contentsNumbers.Count - 1) * MinRisingShare;
        return mostlyRising || leaderLines * 2 >= contentsNumbers.Count ? PageKind.TableOfContents : PageKind.Content;
    }

    /// <summary>Words grouped into lines: a word starts a new line when it goes back to the left or
    /// its middle is off the current line's by more than half a line height.</summary>
    private static IEnumerable<string> Lines(IReadOnlyList<ExtractedWord> words)
    {
        var line = new List<string>();
        ExtractedWord? previous = null;
        foreach (var word in words)
        {
            if (previous is not null && StartsNewLine(previous, word))
            {
                yield return string.Join(' ', line);
                line.Clear();
            }

            line.Add(word.Text.Trim());
            previous = word;
        }

        if (line.Count > 0)
        {
            yield return string.Join(' ', line);
        }
    }

    private static bool StartsNewLine(ExtractedWord previous, ExtractedWord word)
    {
        var height = Math.Max(previous.Box.Height, word.Box.Height);
        var drift = Math.Abs((word.Box.Y + (word.Box.Height / 2)) - (previous.Box.Y + (previous.Box.Height / 2)));
        return word.Box.X < previous.Box.X || drift > height / 2;
    }

    /// <summary>Arabic page numbers count as themselves; roman ones (front matter) as 0, before page 1.</summary>
    private static int PageNumberValue(string text) => int.TryParse(text, out var number) ? number : 0;

    /// <summary>"Installing the system ........ 12", "2.1 Packages 14", "Preface xi".</summary>
    [GeneratedRegex(@"^(?=.*\p{L}).*?(?:\s|\.{2,}|…)(?<page>\d{1,4}|[ivxlc]{1,7})$", RegexOptions.CultureInvariant)]
    private static partial Regex ContentsEntry();

    [GeneratedRegex(@"(?:\.\s?){3,}|…", RegexOptions.CultureInvariant)]
    private static partial Regex Leaders();

    /// <summary>"apt-get, 12, 45–47", "packages, installing, 103".</summary>
    [GeneratedRegex(@"^(?=.*\p{L}).*?,\s*\d{1,4}(?:[–-]\d{1,4})?(?:\s*,\s*\d{1,4}(?:[–-]\d{1,4})?)*\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexEntry();
}
