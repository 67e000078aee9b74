using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Groups letters into words the way PdfPig's nearest-neighbour word extractor does — each
/// letter is linked to the letter of the same orientation whose baseline starts nearest to where
/// its own ends, when that letter may follow it and is near enough; the linked letters form the
/// words — but finds the nearest letter in a grid instead of a k-d tree.</summary>
/// <remarks>The cells are as wide as the largest gap any two letters of the page may have (the
/// <c>reach</c>), so the only letters that can link lie in the 3 × 3 cells around a letter's end;
/// a letter nearer than that is the nearest of all, and one further away could not link anyway.
/// The same links as PdfPig's extractor (up to ties of exactly equal distance), at a fraction of its
/// cost: the extractor's k-d tree, delegates and sorts took about 8 ms of a 500-word page, more
/// than half of the text layer's time.</remarks>
internal static class NearestLetterLinks
{
    /// <summary>The orientations in the order PdfPig's extractor gives their words.</summary>
    private static readonly TextOrientation[] Orientations =
        [TextOrientation.Horizontal, TextOrientation.Rotate270, TextOrientation.Rotate180, TextOrientation.Rotate90, TextOrientation.Other];

    /// <param name="letters">The page's letters in content-stream order.</param>
    /// <param name="mayLead">Whether a letter may be linked to a following one at all.</param>
    /// <param name="mayFollow">Whether the nearest letter may follow the first in a word.</param>
    /// <param name="maximumGap">Distance below which two letters are one word's.</param>
    /// <param name="reach">At least the largest <paramref name="maximumGap"/> of any two letters.</param>
    /// <returns>The words, ordered as PdfPig's extractor orders them; each word's letters in content-stream order.</returns>
    public static List<Word> GroupIntoWords(
        IReadOnlyList<Letter> letters, Func<Letter, bool> mayLead, Func<Letter, Letter, bool> mayFollow, Func<Letter, Letter, double> maximumGap, double reach)
    {
        var words = new List<Word>(letters.Count / 4);
        var links = new LetterSets(letters.Count);
        foreach (var orientation in Orientations)
        {
            var indices = Enumerable.Range(0, letters.Count).Where(i => letters[i].TextOrientation == orientation).ToArray();
            if (indices.Length == 0)
            {
                continue;
            }

            var grid = StartGrid(letters, indices, reach);
            var euclidean = orientation == TextOrientation.Other;
            foreach (var i in indices)
            {
                var pivot = letters[i];
                if (!mayLead(pivot) || !IsFinite(pivot.EndBaseLine))
                {
                    continue;
                }

                var (nearest, distance) = Nearest(grid, letters, i, reach, euclidean);
                if (nearest >= 0 && mayFollow(pivot, letters[nearest]) && distance < maximumGap(pivot, letters[nearest]))
                {
                    links.Join(i, nearest);
                }
            }

            var ofOrientation = indices.GroupBy(links.Find).Select(group => new Word([.. group.Select(i => letters[i])]));
            words.AddRange(ofOrientation);
        }

        return words;
    }

    private static Dictionary<(long X, long Y), List<int>> StartGrid(IReadOnlyList<Letter> letters, int[] indices, double reach)
    {
        var grid = new Dictionary<(long X, long Y), List<int>>();
        foreach (var i in indices)
        {
            var start = letters[i].StartBaseLine;
            if (IsFinite(start))
            {
                var cell = (Cell(start.X, reach), Cell(start.Y, reach));
                (grid.TryGetValue(cell, out var list) ? list : grid[cell] = []).Add(i);
            }
        }

        return grid;
    }

    private static (int Index, double Distance) Nearest(Dictionary<(long X, long Y), List<int>> grid, IReadOnlyList<Letter> letters, int pivot, double reach, bool euclidean)
    {
        var end = letters[pivot].EndBaseLine;
        var (cellX, cellY) = (Cell(end.X, reach), Cell(end.Y, reach));
        var (nearest, best) = (-1, double.PositiveInfinity);
        for (var x = cellX - 1; x <= cellX + 1; x++)
        {
            for (var y = cellY - 1; y <= cellY + 1; y++)
            {
                if (!grid.TryGetValue((x, y), out var cell))
                {
                    continue;
                }

                foreach (var candidate in cell)
                {
                    var start = letters[candidate].StartBaseLine;
                    var (dx, dy) = (Math.Abs(start.X - end.X), Math.Abs(start.Y - end.Y));
                    var distance = euclidean ? Math.Sqrt((dx * dx) + (dy * dy)) : dx + dy;
                    if (candidate != pivot && distance < best)
                    {
                        (nearest, best) = (candidate, distance);
                    }
                }
            }
        }

        return (nearest, best);
    }

    /// <summary>The cell of a coordinate; coordinates beyond any page share the outermost cells.</summary>
    private static long Cell(double coordinate, double reach) => (long)Math.Clamp(Math.Floor(coordinate / reach), -1e15, 1e15);

    private static bool IsFinite(PdfPoint point) => double.IsFinite(point.X) && double.IsFinite(point.Y);
}
