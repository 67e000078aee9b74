using SkiaSharp;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The parts of the detector's input that can hold text, found from the pixels alone (no
/// detection before): the input is cut into cells of <see cref="CellSize"/> pixels, and a cell holds
/// detail when it has edges that are no part of a long straight line (<see cref="DetailCells"/>: a
/// uniform area of any colour, a gradient, the sides of lines, bars and panels hold none). Cells with
/// detail at most <see cref="LinkCells"/> apart form one group (the words of a line, the lines of a
/// paragraph); each group's bounding rectangle, with <see cref="MarginCells"/> of context on every
/// side, on the input's grid of <see cref="Stride"/> pixels, is one part to detect; parts are
/// merged where that adds fewer pixels than a run of the network costs. The detector then runs on those parts
/// only: the background, the margins and the inside of bars and panels are never fed to it. A lone
/// small label has detail of its own, so it is kept however little else lies near it. Parts may
/// overlap: a line is whole in its own group's part, and the piece of it another part sees is
/// dropped with <see cref="TextRegions.Deduplicate"/>.</summary>
internal static class DetailRegions
{
    /// <summary>Side of a cell, in detector pixels.</summary>
    public const int CellSize = 16;

    /// <summary>The network's largest stride: the sides of every part are multiples of it.</summary>
    public const int Stride = 32;

    /// <summary>Cells of context around each group (32 detector pixels, 32-63 once the part is on
    /// the stride's grid). One cell (16-47) lost a lone 10 px "0" beside a chart's axes.</summary>
    public const int MarginCells = 2;

    /// <summary>Least side of a part, in detector pixels (grown about its centre). The network's
    /// squeeze-and-excitation blocks weigh their channels by the mean over the whole part, and a
    /// lone 10 px "0" at the corner of a chart's axes, found in the whole image, was lost in parts
    /// of 32 pixels of context (4 of 12 charts); with parts at least 128 wide, none.</summary>
    public const int MinSide = 128;

    /// <summary>Cells with detail this many cells apart or closer (across, down or diagonally)
    /// belong to one group: a gap of one blank cell (16-31 pixels), between the words of a line or its lines, does
    /// not split it.</summary>
    public const int LinkCells = 2;

    /// <summary>What one more run of the network costs, in input pixels: about 1 ms of the runtime's
    /// per-node work, where the detector takes about 0.25 µs per pixel (one thread).</summary>
    public const long RunCost = 64 * 64;

    /// <summary>When the parts would cover more than this share of the input, the whole input is
    /// detected in one run instead: the saving would not pay for the runs and their edges.</summary>
    public const double MaxShare = 0.75;

    /// <param name="rgba">The detector's input, RGBA, rows top to bottom, <paramref name="width"/>
    /// × <paramref name="height"/> (multiples of <see cref="Stride"/>, as the detector's input is).</param>
    /// <returns>Rectangles in pixels of the input, with sides that are multiples of
    /// <see cref="Stride"/>; empty when the input holds no detail at all (no text); null when the
    /// whole input should be detected.</returns>
    public static IReadOnlyList<SKRectI>? Find(ReadOnlySpan<byte> rgba, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rgba.Length, width * height * 4, nameof(rgba));
        var columns = (width + CellSize - 1) / CellSize;
        var rows = (height + CellSize - 1) / CellSize;
        var detail = DetailCells.Find(rgba, width, height, columns, rows);
        var parts = Merge([.. Groups(detail, columns, rows).Select(group => Fit(
            new SKRectI((group.Left - MarginCells) * CellSize, (group.Top - MarginCells) * CellSize, (group.Right + MarginCells) * CellSize, (group.Bottom + MarginCells) * CellSize),
            width, height))], width, height);
        return parts.Sum(Area) > MaxShare * width * height ? null : parts;
    }

    /// <summary>The bounding rectangles, in cells, of the groups of cells with detail.</summary>
    private static List<SKRectI> Groups(bool[] detail, int columns, int rows)
    {
        var seen = new bool[detail.Length];
        var stack = new Stack<int>();
        var groups = new List<SKRectI>();
        for (var start = 0; start < detail.Length; start++)
        {
            if (!detail[start] || seen[start])
            {
                continue;
            }

            var (left, top, right, bottom) = (int.MaxValue, int.MaxValue, int.MinValue, int.MinValue);
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var (y, x) = Math.DivRem(stack.Pop(), columns);
                (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x + 1), Math.Max(bottom, y + 1));
                for (var ny = Math.Max(0, y - LinkCells); ny <= Math.Min(rows - 1, y + LinkCells); ny++)
                {
                    for (var nx = Math.Max(0, x - LinkCells); nx <= Math.Min(columns - 1, x + LinkCells); nx++)
                    {
                        var neighbour = (ny * columns) + nx;
                        if (detail[neighbour] && !seen[neighbour])
                        {
                            seen[neighbour] = true;
                            stack.Push(neighbour);
                        }
                    }
                }
            }

            groups.Add(new SKRectI(left, top, right, bottom));
        }

        return groups;
    }

    /// <summary>The rectangle grown to at least <see cref="MinSide"/> on each side and to the
    /// input's grid of <see cref="Stride"/> pixels (so that the strided convolutions sample a part
    /// where they sample the whole input), and clipped to the input.</summary>
    private static SKRectI Fit(SKRectI rectangle, int width, int height)
    {
        var (centreX, centreY) = (rectangle.MidX, rectangle.MidY);
        var (halfWidth, halfHeight) = (Math.Max(rectangle.Width, MinSide) / 2, Math.Max(rectangle.Height, MinSide) / 2);
        var grown = rectangle.Width < MinSide || rectangle.Height < MinSide
            ? new SKRectI(Math.Min(rectangle.Left, centreX - halfWidth), Math.Min(rectangle.Top, centreY - halfHeight),
                Math.Max(rectangle.Right, centreX + halfWidth), Math.Max(rectangle.Bottom, centreY + halfHeight))
            : rectangle;
        return OnGrid(grown, width, height);
    }

    /// <summary>The rectangle grown to the input's grid of <see cref="Stride"/> pixels and clipped to it.</summary>
    private static SKRectI OnGrid(SKRectI rectangle, int width, int height) => new(
        Math.Max(0, rectangle.Left / Stride * Stride), Math.Max(0, rectangle.Top / Stride * Stride),
        Math.Min(width, (rectangle.Right + Stride - 1) / Stride * Stride), Math.Min(height, (rectangle.Bottom + Stride - 1) / Stride * Stride));

    /// <summary>Parts merged into their union where it is no larger than the two apart and one run's
    /// cost (<see cref="RunCost"/>), until no pair is worth it (a union can reach a third).</summary>
    private static List<SKRectI> Merge(List<SKRectI> parts, int width, int height)
    {
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < parts.Count && !merged; i++)
            {
                for (var j = i + 1; j < parts.Count; j++)
                {
                    var union = Fit(SKRectI.Union(parts[i], parts[j]), width, height);
                    if (Area(union) <= Area(parts[i]) + Area(parts[j]) + RunCost)
                    {
                        parts[i] = union;
                        parts.RemoveAt(j);
                        merged = true;
                        break;
                    }
                }
            }
        }

        return parts;
    }

    private static long Area(SKRectI rectangle) => (long)rectangle.Width * rectangle.Height;
}
