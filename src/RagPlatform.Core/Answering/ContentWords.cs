using System.Globalization;
using System.Text;

namespace RagPlatform.Core.Answering;

/// <summary>The words of a text that carry its content, folded for comparison: lower case, without
/// diacritics, English stop words dropped and common suffixes stripped ("writing" and "writes" both
/// become "writ"). Each CJK character is a word. Used to judge, without a model, whether a passage
/// supports a sentence or answers a question.</summary>
internal static class ContentWords
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "else", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "into", "about", "over", "under", "is", "are", "was", "were", "be", "been", "being", "am", "do",
        "does", "did", "done", "have", "has", "had", "having", "it", "its", "this", "that", "these", "those", "there",
        "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "i", "me", "my", "we", "our",
        "you", "your", "he", "she", "him", "her", "his", "they", "them", "their", "can", "could", "should", "would",
        "will", "shall", "may", "might", "must", "not", "no", "yes", "so", "than", "too", "very", "also", "any", "all",
        "some", "such", "each", "per", "via", "tell", "show", "give", "find", "please", "according", "document",
        "documents", "source", "sources", "s", "t", "much", "many", "more", "most", "other", "out", "up", "down",
    };

    public static HashSet<string> Of(string? text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            if (i < folded.Length && IsCjk(c))
            {
                Flush(folded, ref start, i, words);
                words.Add(c.ToString());
            }
            else if (i < folded.Length && char.IsLetterOrDigit(c))
            {
                start = start < 0 ? i : start;
            }
            else
            {
                Flush(folded, ref start, i, words);
            }
        }

        return words;
    }

    /// <summary>Share (0..1) of <paramref name="wanted"/> present in <paramref name="present"/>; 0 when nothing is wanted.</summary>
    public static double Coverage(IReadOnlySet<string> wanted, IReadOnlySet<string> present) =>
        wanted.Count == 0 ? 0 : (double)wanted.Count(present.Contains) / wanted.Count;

    private static void Flush(string text, ref int start, int end, HashSet<string> words)
    {
        if (start < 0)
        {
            return;
        }

        var word = text[start..end];
        start = -1;
        if (StopWords.Contains(word) || (word.Length == 1 && !char.IsDigit(word[0])))
        {
            return;
        }

        words.Add(Stem(word));
    }

    /// <summary>A light English stemmer: enough to meet "functions"/"function" and "writing"/"write"
    /// half-way, never so eager that short words collapse.</summary>
    private static string Stem(string word)
    {
        if (word.Length <= 4 || word.Any(char.IsDigit))
        {
            return word;
        }

        foreach (var suffix in (ReadOnlySpan<string>)["ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s", "e"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3)
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD).ToLowerInvariant();
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            // Zero-width characters inside a word must not split it.
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF';
}
