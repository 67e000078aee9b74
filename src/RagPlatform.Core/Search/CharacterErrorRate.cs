using System.Text;

namespace RagPlatform.Core.Search;

/// <summary>Character error rate of recognised text against a reference: the Levenshtein distance
/// (insertions, deletions, substitutions of Unicode scalar values) divided by the reference's
/// length. 0 is perfect; it can exceed 1 when the recognised text is much longer. Runs of white
/// space (spaces, tabs, line breaks) count as one space and the ends are trimmed on both sides, so
/// that the line breaks an OCR engine chooses do not count as errors.</summary>
public static class CharacterErrorRate
{
    /// <returns>The error rate; against an empty reference, 0 for empty text and 1 for any other.</returns>
    public static double Compute(string reference, string recognized)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(recognized);
        var expected = Normalize(reference);
        var actual = Normalize(recognized);
        if (expected.Length == 0)
        {
            return actual.Length == 0 ? 0 : 1;
        }

        return (double)Distance(expected, actual) / expected.Length;
    }

    /// <summary>The Levenshtein distance between two sequences of Unicode scalar values.</summary>
    public static int Distance(ReadOnlySpan<Rune> first, ReadOnlySpan<Rune> second)
    {
        // Two rows of the dynamic-programming table: O(|second|) memory.
        var previous = new int[second.Length + 1];
        var current = new int[second.Length + 1];
        for (var j = 0; j <= second.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= second.Length; j++)
            {
                var substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[second.Length];
    }

    /// <summary>The text as Unicode scalars, white space runs as one space, ends trimmed.</summary>
    internal static Rune[] Normalize(string text)
    {
        var runes = new List<Rune>(text.Length);
        var pendingSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = runes.Count > 0;
                continue;
            }

            if (pendingSpace)
            {
                runes.Add(new Rune(' '));
                pendingSpace = false;
            }

            runes.Add(rune);
        }

        return [.. runes];
    }
}
