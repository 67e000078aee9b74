using System.Runtime.InteropServices;

namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>Which pixels of a flat image are ink: those that belong to no background. A pixel is
/// background when its area of exactly equal colour (4-connected) is large, at least
/// <see cref="MinBackgroundArea"/> pixels (a page, a panel, a bar, a button), or when it lies on a
/// straight run of exactly equal colour at least <see cref="LongRun"/> pixels long, across or down
/// (rules, grid lines, axes, borders, gradients). Text at screen sizes has neither: its letters
/// are small and its strokes short and antialiased, so their pixels, fringes included, are ink.
/// Exact equality, not a tolerance: a drawn screenshot's backgrounds are exact, and a photo or a
/// lossy image has almost no such areas (it is then not flat).</summary>
internal static class InkMask
{
    /// <summary>Least area of one colour that is a background, in pixels: a 32 × 32 square. The
    /// letters of 10-18 px text are a tenth of it.</summary>
    public const int MinBackgroundArea = 1024;

    /// <summary>Least length of a straight run of one colour that is a rule or a background, in
    /// pixels: no stroke of text up to about 24 px is that long.</summary>
    public const int LongRun = 32;

    /// <summary>Bit of <see cref="Find"/>'s rule mask for a pixel on a thin rule across (a horizontal one).</summary>
    public const byte AcrossRule = 1;

    /// <summary>Bit of <see cref="Find"/>'s rule mask for a pixel on a thin rule down (a vertical one).</summary>
    public const byte DownRule = 2;

    /// <summary>Most a rule may be thick, in pixels: a long run is a rule (not a background area)
    /// when the pixels this far beyond it on both sides, at its middle, have another colour.</summary>
    public const int MaxRuleThickness = 2;

    /// <returns>One byte per pixel, 1 for ink; one byte per pixel with <see cref="AcrossRule"/> and
    /// <see cref="DownRule"/> for the pixels of thin long runs (an axis, a frame, a grid line; where a
    /// chart's ticks stand); and the share of the image that is background.</returns>
    public static (byte[] Ink, byte[] Rules, double BackgroundShare) Find(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var pixels = MemoryMarshal.Cast<byte, uint>(rgba[..(width * height * 4)]);
        var ink = new byte[width * height];
        var rules = new byte[width * height];
        var runs = Runs.OfEqualColour(pixels, width, height);
        var background = LargeAreas(runs);
        for (var i = 0; i < runs.Count; i++)
        {
            var (row, start, length) = (runs.Row[i], runs.Start[i], runs.End[i] - runs.Start[i]);
            if (length < LongRun && !background[runs.Root(i)])
            {
                ink.AsSpan((row * width) + start, length).Fill(1);
            }
            else if (length >= LongRun && Thin(pixels, (row * width) + start + (length / 2), width, row, height))
            {
                rules.AsSpan((row * width) + start, length).Fill(AcrossRule);
            }
        }

        ClearLongColumns(pixels, ink, rules, width, height);
        var inkPixels = 0;
        foreach (var value in ink)
        {
            inkPixels += value;
        }

        return (ink, rules, 1 - ((double)inkPixels / ink.Length));
    }

    /// <summary>For each run's root, whether its component of equal colour is a large area.</summary>
    private static bool[] LargeAreas(Runs runs)
    {
        var area = new int[runs.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            area[runs.Root(i)] += runs.End[i] - runs.Start[i];
        }

        var large = new bool[runs.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            large[i] = area[i] >= MinBackgroundArea;
        }

        return large;
    }

    /// <summary>Whether the run through <paramref name="at"/> (in line <paramref name="line"/> of
    /// <paramref name="lines"/>, <paramref name="step"/> apart) is at most <see cref="MaxRuleThickness"/>
    /// thick there: the pixels that far beyond it on both sides have another colour (or lie outside).</summary>
    private static bool Thin(ReadOnlySpan<uint> pixels, int at, int step, int line, int lines)
    {
        var beyond = MaxRuleThickness * step;
        return (line < MaxRuleThickness || pixels[at - beyond] != pixels[at]) && (line + MaxRuleThickness >= lines || pixels[at + beyond] != pixels[at]);
    }

    /// <summary>Clears the ink of vertical runs of one colour at least <see cref="LongRun"/> long,
    /// and marks the thin ones as rules.</summary>
    private static void ClearLongColumns(ReadOnlySpan<uint> pixels, byte[] ink, byte[] rules, int width, int height)
    {
        var start = new int[width];
        for (var y = 1; y <= height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (y < height && pixels[(y * width) + x] == pixels[((y - 1) * width) + x])
                {
                    continue;
                }

                if (y - start[x] >= LongRun)
                {
                    var rule = Thin(pixels, (((start[x] + y) / 2) * width) + x, 1, x, width) ? DownRule : (byte)0;
                    for (var row = start[x]; row < y; row++)
                    {
                        ink[(row * width) + x] = 0;
                        rules[(row * width) + x] |= rule;
                    }
                }

                start[x] = y;
            }
        }
    }
}
