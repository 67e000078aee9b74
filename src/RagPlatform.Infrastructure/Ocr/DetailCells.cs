using System.Numerics;

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
        var (edgesAcross, edgesDown) = (new bool[width + 1], new bool[width + 1]);
        for (var y = 0; y <= height; y++)
        {
            Array.Clear(edgesAcross);
            Array.Clear(edgesDown);
            if (y < height)
            {
                var row = rgba.Slice(y * stride, stride);
                Edges(row[..^4], row[4..], edgesAcross);
                if (y + 1 < height)
                {
                    Edges(row, rgba.Slice((y + 1) * stride, stride), edgesDown);
                }
            }

            var downStart = -1;
            for (var x = 0; x <= width; x++)
            {
                var edgeAcross = edgesAcross[x];
                if (edgeAcross && across[x] < 0)
                {
                    across[x] = y;
                }
                else if (!edgeAcross && x < width && across[x] >= 0)
                {
                    CountShortRun(edges, columns, x, across[x], x, y - 1);
                    across[x] = -1;
                }

                var edgeDown = edgesDown[x];
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

    /// <summary>Sets <paramref name="edges"/>[p] where pixel p of <paramref name="a"/> and of
    /// <paramref name="b"/> differ by more than <see cref="DetailThreshold"/> in R, G or B (a vector
    /// of bytes at a time: this runs over every pixel twice).</summary>
    private static void Edges(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<bool> edges)
    {
        var threshold = new Vector<byte>(DetailThreshold);
        var colour = new Vector<uint>(0x00FFFFFFu);
        var i = 0;
        for (; i <= a.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            var (va, vb) = (new Vector<byte>(a[i..]), new Vector<byte>(b[i..]));
            var differ = Vector.AsVectorUInt32(Vector.GreaterThan(Vector.Max(va, vb) - Vector.Min(va, vb), threshold)) & colour;
            for (var p = 0; p < Vector<uint>.Count; p++)
            {
                edges[(i / 4) + p] = differ[p] != 0;
            }
        }

        for (; i < a.Length; i += 4)
        {
            edges[i / 4] = Math.Abs(a[i] - b[i]) > DetailThreshold || Math.Abs(a[i + 1] - b[i + 1]) > DetailThreshold || Math.Abs(a[i + 2] - b[i + 2]) > DetailThreshold;
        }
    }
}
