using System.Numerics;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Orders lines top to bottom, and lines side by side (labels of one menu bar, cells of one
/// table row) left to right, measured along the page's own axes: on a page scanned a few degrees
/// askew, the cells of one row sit at different heights of the image but on one line of the page.
/// Side by side means centres apart, across the text, by less than half the lower line's height:
/// boxes are grown around their text, so consecutive lines of a paragraph overlap a little, and must
/// not count as one row.</summary>
internal static class ReadingOrder
{
    public static List<T> Sort<T>(IReadOnlyList<T> lines, Func<T, TextQuad> box)
    {
        var (along, across) = PageAxes(lines.Select(box));
        var placed = lines
            .Select(line => (Line: line, Box: box(line)))
            .Select(entry => (entry.Line, entry.Box, X: Vector2.Dot(entry.Box.Centre, along), Y: Vector2.Dot(entry.Box.Centre, across)))
            .OrderBy(entry => entry.Y)
            .ToList();

        var ordered = new List<T>(placed.Count);
        var row = new List<(T Line, TextQuad Box, float X, float Y)>();
        foreach (var entry in placed)
        {
            if (row.Count > 0 && Math.Abs(entry.Y - row[0].Y) >= Math.Min(row[0].Box.Height, entry.Box.Height) / 2)
            {
                ordered.AddRange(row.OrderBy(item => item.X).Select(item => item.Line));
                row.Clear();
            }

            row.Add(entry);
        }

        ordered.AddRange(row.OrderBy(item => item.X).Select(item => item.Line));
        return ordered;
    }

    /// <summary>Unit vectors along and across the text: the median direction of the boxes' top
    /// edges (vertical lines, turned a quarter, are left out), or the image's axes.</summary>
    private static (Vector2 Along, Vector2 Across) PageAxes(IEnumerable<TextQuad> boxes)
    {
        var angles = boxes
            .Select(box => box.TopRight - box.TopLeft)
            .Where(edge => edge.X > Math.Abs(edge.Y))
            .Select(edge => MathF.Atan2(edge.Y, edge.X))
            .Order()
            .ToList();
        var angle = angles.Count == 0 ? 0 : angles[angles.Count / 2];
        var along = new Vector2(MathF.Cos(angle), MathF.Sin(angle));
        return (along, new Vector2(-along.Y, along.X));
    }
}
