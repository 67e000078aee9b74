namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Where an image has detail that may be text, cell by cell (for <see cref="DetailRegions"/>):
/// edges between neighbouring pixels that are no part of a long straight line.</summary>
internal static class DetailCells
{
    /// <summary>Two neighbouring pixels differing by more than this (0-255) in any channel are
    /// detail. Low enough for grey text on white anti-aliased at 1x (its edges differ by 40 or
    /// more); high enough that a gradient (a step of a few levels per pixel), mild noise, or the
    /// ringing the cubic upscaling leaves beside a sharp edge (up to about 7% of the step) is not.</summary>
    public const int DetailThreshold = 20;

    /// <summary>Edges in a straight run at least this long (detector pixels) are the sides of a
    /// line, a bar or a panel, not of a glyph: at the detector's scale text is 15-40 pixels high,
    /// and its strokes are no longer than that.</summary>
    public const int MinLineLength = 40;

    /// <summary>A cell needs this many edge pixels outside lines to hold detail: the end of a thin
    /// line, or a line crossing another, gives two or three; the smallest glyph (a 10 px digit at
    /// 1.5×) some tens.</summary>
    public const int MinEdgesPerCell = 4;

    /// <param name="columns">Cells across, each <see cref="DetailRegions.CellSize"/> pixels.</param>
    /// <returns>Cells (row-major) holding at least <see cref="MinEdgesPerCell"/> edge pixels that
    /// are no part of a straight line: pairs of neighbouring pixels across whose values differ by
    /// more than <see cref="DetailThreshold"/> (edges across) in a column of fewer than
    /// <see cref="MinLineLength"/> such pairs, or the same down in a row. The long runs are the
    /// sides of lines, bars, panels and fields, the short ones strokes of glyphs.</returns>
    public static bool[] Find(ReadOnlySpan<byte> rgba, int width, int height, int columns, int rows)
    {
        var edges = new int[columns * rows];
        var stride = width * 4;

        // Where the run of edges across in each column began (−1: none), to measure runs downwards.
        var across = new int[width];
        Array.Fill(across, -1);
        for (var y = 0; y <= height; y++)
        {
            var row = y < height ? rgba.Slice(y * stride, stride) : default;
            var below = y + 1 < height ? rgba.Slice((y + 1) * stride, stride) : default;
            var downStart = -1;
            for (var x = 0; x <= width; x++)
            {
                var i = x * 4;
                var edgeAcross = y < height && x + 1 < width && Differ(row, i, row, i + 4);
                if (edgeAcross && across[x] < 0)
                {
                    across[x] = y;
                }
                else if (!edgeAcross && x < width && across[x] >= 0)
                {
                    CountShortRun(edges, columns, x, across[x], x, y - 1);
                    across[x] = -1;
                }

                var edgeDown = x < width && !below.IsEmpty && Differ(row, i, below, i);
                if (edgeDown && downStart < 0)
                {
                    downStart = x;
                }
                else if (!edgeDown && downStart >= 0)
                {
                    CountShortRun(edges, columns, downStart, y, x - 1, y);
                    downStart = -1;
                }
            }
        }

        return [.. edges.Select(count => count >= MinEdgesPerCell)];
    }

    /// <summary>Counts the pixels of the run from (x0, y0) to (x1, y1), both included, in their
    /// cells, when it is shorter than <see cref="MinLineLength"/>.</summary>
    private static void CountShortRun(int[] edges, int columns, int x0, int y0, int x1, int y1)
    {
        if (Math.Max(x1 - x0, y1 - y0) + 1 >= MinLineLength)
        {
            return;
        }

        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                edges[(y / DetailRegions.CellSize * columns) + (x / DetailRegions.CellSize)]++;
            }
        }
    }

    private static bool Differ(ReadOnlySpan<byte> a, int i, ReadOnlySpan<byte> b, int j) =>
        Math.Abs(a[i] - b[j]) > DetailThreshold || Math.Abs(a[i + 1] - b[j + 1]) > DetailThreshold || Math.Abs(a[i + 2] - b[j + 2]) > DetailThreshold;
}
