using UglyToad.PdfPig.Content;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Drops the copies of letters that a producer draws two or more times, slightly offset, to
/// imitate bold type ("fake bold"); left in, every such word would be read twice.</summary>
/// <remarks>A copy is the same character starting its baseline at nearly the same point: within a
/// third of its advance width (the tolerance PDFBox's text stripper uses), never more than
/// <see cref="MaxTolerancePoints"/>. Glyph boxes are no measure here: for fonts that are not embedded
/// they are the whole font's bounding box, wide enough to swallow the second "o" of "dolor" or the
/// second "l" of "balloon", which start one advance width further on.</remarks>
internal static class FakeBoldLetters
{
    /// <summary>Largest offset between copies, in points; also the size of a cell of the grid the
    /// copies are looked up in, so a lookup visits the 3 × 3 cells around a letter.</summary>
    private const double MaxTolerancePoints = 2;

    /// <summary>Offset below which two equal letters of zero width are one.</summary>
    private const double MinTolerancePoints = 0.05;

    /// <returns>The letters in their original (content stream) order, each copy after the first left out.</returns>
    public static List<Letter> WithoutCopies(IReadOnlyList<Letter> letters)
    {
        var kept = new List<Letter>(letters.Count);
        // Keyed by position alone: hashing each letter's string nine times cost more than the rest of
        // the lookup, and a 2-point cell rarely holds more than one letter to compare values with.
        var grid = new Dictionary<(long X, long Y), List<Letter>>();
        foreach (var letter in letters)
        {
            var value = letter.Value ?? string.Empty;
            var start = letter.StartBaseLine;
            if (!double.IsFinite(start.X) || !double.IsFinite(start.Y))
            {
                kept.Add(letter);
                continue;
            }

            var (cellX, cellY) = (Cell(start.X), Cell(start.Y));
            if (!HasCopyNear(grid, value, cellX, cellY, letter))
            {
                kept.Add(letter);
                var key = (cellX, cellY);
                if (!grid.TryGetValue(key, out var cell))
                {
                    grid[key] = cell = [];
                }

                cell.Add(letter);
            }
        }

        return kept;
    }

    private static bool HasCopyNear(Dictionary<(long, long), List<Letter>> grid, string value, long cellX, long cellY, Letter letter)
    {
        for (var dx = -1; dx <= 1; dx++)
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                if (grid.TryGetValue((cellX + dx, cellY + dy), out var cell) && cell.Exists(other => (other.Value ?? string.Empty) == value && IsCopy(other, letter)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsCopy(Letter first, Letter second)
    {
        var tolerance = Math.Clamp(Math.Max(Math.Abs(first.Width), Math.Abs(second.Width)) / 3, MinTolerancePoints, MaxTolerancePoints);
        return Math.Abs(first.StartBaseLine.X - second.StartBaseLine.X) < tolerance &&
            Math.Abs(first.StartBaseLine.Y - second.StartBaseLine.Y) < tolerance;
    }

    private static long Cell(double coordinate) => (long)Math.Floor(coordinate / MaxTolerancePoints);
}
