namespace RagPlatform.Core.Ingestion;

/// <summary>Finds the section headings of a page: short lines set in a larger type than the page's
/// body text ("10 Writing your own functions", "7.22 Why do lattice graphics not work?"). Their words
/// are indexed as a field of the chunk that holds them (<see cref="TextChunk.Headings"/>), so a
/// question that names a section finds the page where the section starts.</summary>
/// <remarks>Type size is read from box heights, the only size words carry. A word's box is the union
/// of its glyphs, so "own" is lower than "Writing" in the same type: a line's height is therefore
/// the tallest of its words, and lines are compared with the page's median line.</remarks>
public static class SectionHeadings
{
    /// <summary>A heading's line is at least this many times as tall as the page's median line.</summary>
    public const double MinHeightRatio = 1.2;

    /// <summary>A longer line is a paragraph set large (a title page, a pull quote), not a heading.</summary>
    public const int MaxWords = 16;

    /// <summary>Fewer lines with letters than this leave too little body text to compare with.</summary>
    public const int MinLines = 4;

    /// <summary>One flag per word of <paramref name="words"/>: true for the words of heading lines.</summary>
    public static bool[] Find(IReadOnlyList<ExtractedWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var flags = new bool[words.Count];
        var lines = Lines(words).Where(l => l.HasLetters).ToList();
        if (lines.Count < MinLines)
        {
            return flags;
        }

        var heights = lines.Select(l => l.Height).Order().ToList();
        var median = heights[heights.Count / 2];
        if (median <= 0)
        {
            return flags;
        }

        foreach (var line in lines.Where(l => l.Height >= median * MinHeightRatio && l.Count <= MaxWords))
        {
            for (var i = line.Start; i < line.Start + line.Count; i++)
            {
                flags[i] = true;
            }
        }

        return flags;
    }

    private static List<Line> Lines(IReadOnlyList<ExtractedWord> words)
    {
        var lines = new List<Line>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var letters = word.Text.Any(char.IsLetter);
            if (i > 0 && !StartsNewLine(words[i - 1], word))
            {
                var line = lines[^1];
                lines[^1] = line with { Count = line.Count + 1, Height = Math.Max(line.Height, word.Box.Height), HasLetters = line.HasLetters || letters };
            }
            else
            {
                lines.Add(new Line(i, 1, word.Box.Height, letters));
            }
        }

        return lines;
    }

    /// <summary>A word starts a new line when it goes back to the left or its middle is off the
    /// previous word's by more than half the taller one's height (as <see cref="NavigationPageDetector"/> reads lines).</summary>
    private static bool StartsNewLine(ExtractedWord previous, ExtractedWord word)
    {
        var height = Math.Max(previous.Box.Height, word.Box.Height);
        var drift = Math.Abs((word.Box.Y + (word.Box.Height / 2)) - (previous.Box.Y + (previous.Box.Height / 2)));
        return word.Box.X < previous.Box.X || drift > height / 2;
    }

    private readonly record struct Line(int Start, int Count, double Height, bool HasLetters);
}
