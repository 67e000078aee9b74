using System.Text.RegularExpressions;

namespace RagPlatform.Core.Answering;

/// <summary>Reads the [n] citations of a model's answer: keeps those that name a source that was
/// sent, removes the others (reporting them), and splits the text into sentences with what each
/// cites. Understands [1], [1, 3], [1][2] and ranges [2-4]; a citation group standing after a
/// sentence's full stop ("… rose. [2]") belongs to that sentence.</summary>
internal static partial class CitationChecker
{
    /// <summary>Ranges longer than this are not expanded: "[1-2000]" is not a citation.</summary>
    private const int MaxRange = 20;

    public static CheckedCitations Check(string text, IReadOnlySet<int> validNumbers)
    {
        var removed = new List<int>();
        var cleaned = CitationGroup().Replace(text, match =>
        {
            var numbers = Expand(match.Groups["list"].Value);
            var kept = numbers.Where(validNumbers.Contains).Distinct().ToList();
            removed.AddRange(numbers.Where(n => !validNumbers.Contains(n) && !removed.Contains(n)).Distinct());
            return kept.Count == 0 ? string.Empty : $" [{string.Join(", ", kept)}]";
        });
        cleaned = SpaceBeforePunctuation().Replace(cleaned, "$1").Trim();

        var sentences = Split(cleaned);
        var cited = sentences.SelectMany(s => s.Citations).Distinct().ToList();
        return new CheckedCitations(cleaned, sentences, cited, removed);
    }

    /// <summary>The text without citation markers, for comparing a claim with its sources.</summary>
    public static string StripMarkers(string sentence) => CitationGroup().Replace(sentence, string.Empty).Trim();

    private static List<CitedSentence> Split(string text)
    {
        var sentences = new List<CitedSentence>();
        foreach (var piece in SentenceBoundary().Split(text))
        {
            var trimmed = piece.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            // "… rose. [2] Then …": markers leading a piece cite the sentence before it when that
            // one has none of its own.
            var leading = LeadingMarkers().Match(trimmed);
            if (leading.Success && sentences.Count > 0 && sentences[^1].Citations.Count == 0)
            {
                var last = sentences[^1];
                sentences[^1] = last with { Text = $"{last.Text} {leading.Value.Trim()}", Citations = Numbers(leading.Value) };
                trimmed = trimmed[leading.Length..].Trim();
                if (trimmed.Trim('.', ' ', ',', ';').Length == 0)
                {
                    continue;
                }
            }

            sentences.Add(new CitedSentence(trimmed, Numbers(trimmed)));
        }

        return sentences;
    }

    private static List<int> Numbers(string text) =>
        [.. CitationGroup().Matches(text).SelectMany(m => Expand(m.Groups["list"].Value)).Distinct()];

    private static List<int> Expand(string list)
    {
        var numbers = new List<int>();
        foreach (var part in list.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (range.Length == 2 && int.TryParse(range[0], out var from) && int.TryParse(range[1], out var to) && to >= from && to - from < MaxRange)
            {
                numbers.AddRange(Enumerable.Range(from, to - from + 1));
            }
            else if (int.TryParse(part, out var single))
            {
                numbers.Add(single);
            }
        }

        return numbers;
    }

    [GeneratedRegex(@"\s*\[(?<list>\d{1,4}(?:\s*[,;\-–]\s*\d{1,4})*)\]")]
    private static partial Regex CitationGroup();

    [GeneratedRegex(@"^(?:\s*\[\d{1,4}(?:\s*[,;\-–]\s*\d{1,4})*\])+")]
    private static partial Regex LeadingMarkers();

    /// <summary>After a sentence's end mark (Latin or CJK), or at a line break.</summary>
    [GeneratedRegex(@"(?<=[.!?。！？])\s+(?=\S)|\n+")]
    private static partial Regex SentenceBoundary();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
