using RagPlatform.Infrastructure.Imaging;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Where a chart's tick labels are missing beside its axes frame, and a copy of the image
/// with the frame and its ticks erased, to detect them again there (<see cref="OcrOptions.DetectBesideFrame"/>).
/// Beside the frame's long dark lines the detector's map has no signal for some lone labels (a "4"
/// under a corner, a "1" at the top of a y axis) and splits "-2" from its minus; with the lines painted
/// white the same labels are found. Only the frame's sides with at least two numbers read beside them
/// (a labelled axis) are looked at, and only the points of their grid that have no number: a chart
/// whose labels were all read costs the line scan alone.</summary>
internal static class FrameStrips
{
    /// <summary>Dark runs this long or longer (rows or columns, image pixels) are lines, not text, and are erased.</summary>
    private const int MinRun = 60;

    /// <summary>How far from a grid point a number may lie, as a share of the grid's step.</summary>
    private const float GridTolerance = 0.2f;

    /// <summary>A frame side spans at least this share of the image's width (height).</summary>
    private const float MinSideShare = 0.5f;

    /// <summary>How far from its side a label may lie, in label heights, to count as a tick label.</summary>
    private const float LabelReach = 3;

    /// <summary>Least extent of a window across its side (and its length along it), in detector pixels:
    /// the detector needs context. Over the 28 octave plots whole strips along the sides 128 across
    /// found 11 more labels, 192 and 256 across the same 25 (every "1" and "-1" of the y axes among them).</summary>
    private const int MinAcross = 192;

    /// <summary>Room inside the frame, in image pixels, that a strip takes along with the outside.</summary>
    private const int Inside = 8;

    /// <param name="boxes">What the detection found in the whole image.</param>
    /// <param name="scale">The detection's scale (image to detector pixels).</param>
    /// <param name="numbers">The boxes of the numbers read there.</param>
    /// <returns>The image with its long lines erased and the windows to detect in it; null when there are none.</returns>
    public static (RgbaRaster Erased, List<SKRect> Strips)? Find(RgbaRaster raster, IReadOnlyList<TextQuad> boxes, IReadOnlyList<TextQuad> numbers, double scale)
    {
        // A window needs two numbers read beside a side (Windows): without them the pixels need no scan.
        if (boxes.Count < 2 || numbers.Count < 2)
        {
            return null;
        }

        var (width, height) = (raster.Width, raster.Height);
        var (rows, columns) = Runs(raster);
        var labelHeight = boxes.Select(box => Math.Min(box.Width, box.Height)).Order().ElementAt(boxes.Count / 2);
        var sides = Sides(rows, width, true).Concat(Sides(columns, height, false)).ToList();
        var strips = sides.SelectMany(side => Windows(side.Line, side.Horizontal, boxes, numbers, labelHeight, width, height, scale)).ToList();
        if (strips.Count == 0)
        {
            return null;
        }

        // The copy is made only now: most charts have all their labels read and need none.
        var erased = (byte[])raster.Pixels.Clone();
        EraseRuns(raster, erased, rows, horizontal: true);
        EraseRuns(raster, erased, columns, horizontal: false);
        foreach (var (line, horizontal) in sides)
        {
            EraseTicks(raster, erased, line, horizontal, (int)MathF.Ceiling(labelHeight));
        }

        return (new RgbaRaster(width, height, erased), strips);
    }

    /// <summary>The outermost long lines one way (the frame's two sides), each as (position, start, end).</summary>
    private static IEnumerable<((int At, int Start, int End) Line, bool Horizontal)> Sides(List<(int At, int Start, int End)> runs, int side, bool horizontal)
    {
        // The outermost rows of long runs, also where a filled area (a histogram's bars) sits on the frame.
        var long_ = runs.Where(run => run.End - run.Start + 1 >= MinSideShare * side).OrderBy(run => run.At).ToList();
        if (long_.Count == 0)
        {
            yield break;
        }

        yield return (long_[0], horizontal);
        if (long_[^1].At > long_[0].At + 2)
        {
            yield return (long_[^1], horizontal);
        }
    }

    /// <summary>Where tick labels are missing outside the side (away from the image's centre): the
    /// numbers read there lie on a regular grid along it (each gap a multiple of the least), and each
    /// point of that grid within the side's extent that has no number gets a window; none when fewer
    /// than two numbers lie there or none is missing; the whole strip when the numbers lie irregularly.
    /// Windows, not the strip, because the strip costs about a sixth of a chart's CPU.</summary>
    private static List<SKRect> Windows((int At, int Start, int End) line, bool horizontal, IReadOnlyList<TextQuad> boxes, IReadOnlyList<TextQuad> numbers,
        float labelHeight, int width, int height, double scale)
    {
        if (Strip(line, horizontal, boxes, labelHeight, width, height, scale) is not { } strip)
        {
            return [];
        }

        var along = numbers.Where(box => strip.Contains(box.Centre.X, box.Centre.Y)).Select(box => horizontal ? box.Centre.X : box.Centre.Y).Order().ToList();
        if (along.Count < 2)
        {
            return [];
        }

        var step = along.Zip(along.Skip(1), (a, b) => b - a).Min();
        var regular = step >= labelHeight && along.Skip(1).All(at => MathF.Abs(((at - along[0]) / step) - MathF.Round((at - along[0]) / step)) <= GridTolerance);
        if (!regular)
        {
            return [strip];
        }

        var half = (float)(MinAcross / scale / 2);
        var missing = new List<SKRect>();
        for (var at = along[0] - (MathF.Floor((along[0] - line.Start + (GridTolerance * step)) / step) * step); at <= line.End + (GridTolerance * step); at += step)
        {
            if (!along.Any(found => MathF.Abs(found - at) <= GridTolerance * step))
            {
                var window = horizontal ? new SKRect(at - half, strip.Top, at + half, strip.Bottom) : new SKRect(strip.Left, at - half, strip.Right, at + half);
                window.Intersect(new SKRect(0, 0, width, height));
                missing.Add(window);
            }
        }

        return missing;
    }

    /// <summary>The strip outside the side (away from the image's centre), over the labels found
    /// there; null when fewer than two are.</summary>
    private static SKRect? Strip((int At, int Start, int End) line, bool horizontal, IReadOnlyList<TextQuad> boxes, float labelHeight, int width, int height,
        double scale)
    {
        var across = horizontal ? height : width;
        var outward = line.At > across / 2 ? 1 : -1;
        var pad = 2 * labelHeight;
        var reach = LabelReach * labelHeight;
        var labels = boxes.Where(box =>
        {
            var (near, far, from, to) = horizontal
                ? (outward > 0 ? box.Top - line.At : line.At - box.Bottom, outward > 0 ? box.Bottom - line.At : line.At - box.Top, box.Left, box.Right)
                : (outward > 0 ? box.Left - line.At : line.At - box.Right, outward > 0 ? box.Right - line.At : line.At - box.Left, box.Top, box.Bottom);
            return near >= -1 && near <= reach && from >= line.Start - pad && to <= line.End + pad;
        }).ToList();
        if (labels.Count < 2)
        {
            return null;
        }

        var depth = labels.Max(box => horizontal
            ? (outward > 0 ? box.Bottom - line.At : line.At - box.Top)
            : (outward > 0 ? box.Right - line.At : line.At - box.Left)) + Inside;
        depth = Math.Max(depth, (float)(MinAcross / scale) - Inside);
        var (near0, far0) = outward > 0 ? ((float)line.At - Inside, line.At + depth) : (line.At - depth, (float)line.At + Inside);
        var strip = horizontal
            ? new SKRect(line.Start - pad, near0, line.End + pad, far0)
            : new SKRect(near0, line.Start - pad, far0, line.End + pad);
        strip.Intersect(new SKRect(0, 0, width, height));
        return strip.IsEmpty ? null : strip;
    }

    /// <summary>Paints white the tick marks on a side: dark runs across it, from the line out to
    /// either side, no longer than a label is high. Left, a tick beside a "1" reads as "1-".</summary>
    private static void EraseTicks(RgbaRaster raster, byte[] erased, (int At, int Start, int End) line, bool horizontal, int maxTick)
    {
        var pixels = raster.Pixels;
        for (var along = line.Start; along <= line.End; along++)
        {
            foreach (var direction in (ReadOnlySpan<int>)[-1, 1])
            {
                var length = 0;
                while (length <= maxTick && PixelAt(line.At + (direction * (length + 1)), along) is { } o && DarkInk.IsDark(pixels, o))
                {
                    length++;
                }

                for (var i = 1; length <= maxTick && i <= length; i++)
                {
                    var o = PixelAt(line.At + (direction * i), along)!.Value;
                    erased[o] = erased[o + 1] = erased[o + 2] = 255;
                }
            }
        }

        // The offset of the pixel at (across, along) from the side, or null outside the image.
        int? PixelAt(int across, int along)
        {
            var (x, y) = horizontal ? (along, across) : (across, along);
            return x < 0 || y < 0 || x >= raster.Width || y >= raster.Height ? null : Offset(raster, horizontal: true, y, x);
        }
    }

    /// <summary>Dark runs of <see cref="MinRun"/> or longer along the rows and down the columns, each as (row
    /// or column, start, end), in the order of their row (column) and start. One pass along the rows, each
    /// column's open run kept aside: a pass down each column read the image across its rows, a cache line a pixel.</summary>
    private static (List<(int At, int Start, int End)> Rows, List<(int At, int Start, int End)> Columns) Runs(RgbaRaster raster)
    {
        var (width, height) = (raster.Width, raster.Height);
        var rows = new List<(int, int, int)>();
        var columns = new List<(int At, int Start, int End)>();
        var columnStart = new int[width];
        Array.Fill(columnStart, -1);
        for (var y = 0; y <= height; y++)
        {
            var start = -1;
            for (var x = 0; x <= width; x++)
            {
                var dark = y < height && x < width && DarkInk.IsDark(raster.Pixels, (y * raster.Stride) + (x * 4));
                if (dark && start < 0)
                {
                    start = x;
                }
                else if (!dark && start >= 0)
                {
                    if (x - start >= MinRun)
                    {
                        rows.Add((y, start, x - 1));
                    }

                    start = -1;
                }

                if (x == width)
                {
                    continue;
                }

                if (dark && columnStart[x] < 0)
                {
                    columnStart[x] = y;
                }
                else if (!dark && columnStart[x] >= 0)
                {
                    if (y - columnStart[x] >= MinRun)
                    {
                        columns.Add((x, columnStart[x], y - 1));
                    }

                    columnStart[x] = -1;
                }
            }
        }

        // Found in the order they end; a column's runs are apart, so (column, start) is the order a pass down each gave.
        columns.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Start.CompareTo(b.Start));
        return (rows, columns);
    }

    /// <summary>Paints the runs white in <paramref name="erased"/>.</summary>
    private static void EraseRuns(RgbaRaster raster, byte[] erased, List<(int At, int Start, int End)> runs, bool horizontal)
    {
        foreach (var (at, start, end) in runs)
        {
            for (var i = start; i <= end; i++)
            {
                var o = Offset(raster, horizontal, at, i);
                erased[o] = erased[o + 1] = erased[o + 2] = 255;
            }
        }
    }

    /// <summary>The offset of the <paramref name="i"/>-th pixel of a row (<paramref name="horizontal"/>) or column.</summary>
    private static int Offset(RgbaRaster raster, bool horizontal, int at, int i) =>
        horizontal ? (at * raster.Stride) + (i * 4) : (i * raster.Stride) + (at * 4);
}
