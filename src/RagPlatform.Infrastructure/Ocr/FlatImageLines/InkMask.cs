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

    /// <returns>One byte per pixel, 1 for ink; and the share of the image that is background.</returns>
    public static (byte[] Ink, double BackgroundShare) Find(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var pixels = MemoryMarshal.Cast<byte, uint>(rgba[..(width * height * 4)]);
        var ink = new byte[width * height];
        var runs = Runs.OfEqualColour(pixels, width, height);
        var background = LargeAreas(runs);
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs.End[i] - runs.Start[i] < LongRun && !background[runs.Root(i)])
            {
                ink.AsSpan((runs.Row[i] * width) + runs.Start[i], runs.End[i] - runs.Start[i]).Fill(1);
            }
        }

        ClearLongColumns(pixels, ink, width, height);
        var inkPixels = 0;
        foreach (var value in ink)
        {
            inkPixels += value;
        }

        return (ink, 1 - ((double)inkPixels / ink.Length));
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

    /// <summary>Clears the ink of vertical runs of one colour at least <see cref="LongRun"/> long.</summary>
    private static void ClearLongColumns(ReadOnlySpan<uint> pixels, byte[] ink, int width, int height)
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
                    for (var row = start[x]; row < y; row++)
                    {
                        ink[(row * width) + x] = 0;
                    }
                }

                start[x] = y;
            }
        }
    }
}
