using System.Numerics;
using System.Text.RegularExpressions;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Gives a number read without its minus sign the minus, from the image's pixels. A lone
/// "-2" tick label of a plot often comes from the detector as a kernel over the "2" alone (the dash
/// scores 0-0.3 in the map), and is read "2", the wrong label for a search. A short, thin, dark dash
/// at the digits' middle height, standing alone just left of them, is that minus; no network runs.</summary>
internal static partial class MinusSigns
{
    /// <summary>Most blank columns between the minus and the first digit, as a share of the digits' height.</summary>
    private const float MaxGap = 0.6f;

    /// <summary>The dash's length, as a share of the digits' height (a minus is about half a digit high long;
    /// a hyphen is shorter, but still above the least).</summary>
    private const float MinLength = 0.25f;

    private const float MaxLength = 1.0f;

    /// <summary>Most rows the dash may span, as a share of the digits' height (at least 2 rows).</summary>
    private const float MaxThickness = 0.3f;

    /// <summary>How far above and below the box its digits' ink is looked for, as a share of its height.</summary>
    private const float InkBeyond = 0.3f;

    /// <summary>The band of the digits' height, from their top, that holds a minus.</summary>
    private const float BandTop = 0.25f;

    private const float BandBottom = 0.8f;

    /// <returns>The text with a minus and the box grown over it, or the text and box as they are.</returns>
    public static (string Text, TextQuad Box) Extend(RgbaRaster raster, string text, TextQuad box)
    {
        if (!Number().IsMatch(text) || !IsUpright(box))
        {
            return (text, box);
        }

        var (top, bottom) = ((int)MathF.Floor(box.Top), Math.Min(raster.Height, (int)MathF.Ceiling(box.Bottom)) - 1);
        var (left, right) = ((int)MathF.Floor(box.Left), Math.Min(raster.Width, (int)MathF.Ceiling(box.Right)) - 1);
        // A small box may cut the digits (interpderiv2's "-4": a 9 px high box over a 13 px "4"),
        // so their ink is looked for a little above and below it too.
        var beyond = (int)MathF.Ceiling(InkBeyond * box.Height);
        if (InkRows(raster, left, right, top - beyond, Math.Min(raster.Height - 1, bottom + beyond)) is not var (inkTop, inkBottom) || inkBottom - inkTop < 5)
        {
            return (text, box);
        }

        var height = inkBottom - inkTop + 1;
        var reach = Math.Max(0, left - (int)(MathF.Ceiling((MaxGap + MaxLength) * height) + 2));

        // The dash must reach out of what the recogniser saw (the box and its margin): wholly inside,
        // the reader had its chance, and a dash read as "1" ("-2" as "12") is no number to give a minus.
        // Glyphs are runs of columns with ink in the digits' rows, apart by blank columns; the leftmost
        // glyph of the group (the one with more than the gap blank before it) is the candidate.
        var (runLeft, runRight) = (-1, -1);
        var blank = 0;
        for (var x = right; x >= reach; x--)
        {
            if (HasInk(raster, x, inkTop, inkBottom))
            {
                (runLeft, runRight) = blank > 0 || runRight < 0 ? (x, x) : (x, runRight);
                blank = 0;
            }
            else if (runRight >= 0 && ++blank > MaxGap * height)
            {
                break;
            }
        }

        var length = runRight - runLeft + 1;
        if (runRight < 0 || blank <= MaxGap * height || runLeft >= box.Left - (PaddleOcrPipeline.LineMarginAlong * box.Height) || length < MinLength * height || length > MaxLength * height
            || !IsDash(raster, runLeft, runRight, inkTop, height) || !HasInk(raster, runRight + 1, runRight + 1 + (int)MathF.Ceiling(MaxGap * height) + 1, inkTop, inkBottom))
        {
            return (text, box);
        }

        var grown = Math.Max(0, left - runLeft + 1);
        return ("-" + text, new TextQuad(box.TopLeft - new Vector2(grown, 0), box.TopRight, box.BottomRight, box.BottomLeft - new Vector2(grown, 0)));
    }

    /// <summary>Whether the run's ink lies in a thin band at the digits' middle height.</summary>
    private static bool IsDash(RgbaRaster raster, int runLeft, int runRight, int inkTop, int height)
    {
        var (least, most) = (int.MaxValue, int.MinValue);
        for (var x = runLeft; x <= runRight; x++)
        {
            for (var y = inkTop; y < inkTop + height; y++)
            {
                if (DarkInk.IsDark(raster, x, y))
                {
                    (least, most) = (Math.Min(least, y), Math.Max(most, y));
                }
            }
        }

        return least >= inkTop + (BandTop * height) && most <= inkTop + (BandBottom * height) && most - least + 1 <= Math.Max(2, MaxThickness * height);
    }

    /// <summary>The first and last rows of the box with ink, or null when it has none.</summary>
    private static (int Top, int Bottom)? InkRows(RgbaRaster raster, int left, int right, int top, int bottom)
    {
        var (first, last) = (-1, -1);
        for (var y = Math.Max(0, top); y <= bottom; y++)
        {
            for (var x = Math.Max(0, left); x <= right; x++)
            {
                if (DarkInk.IsDark(raster, x, y))
                {
                    first = first < 0 ? y : first;
                    last = y;
                    break;
                }
            }
        }

        return first < 0 ? null : (first, last);
    }

    private static bool HasInk(RgbaRaster raster, int x, int top, int bottom)
    {
        for (var y = top; y <= bottom; y++)
        {
            if (DarkInk.IsDark(raster, x, y))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any column from <paramref name="fromX"/> to <paramref name="toX"/> has ink in the rows.</summary>
    private static bool HasInk(RgbaRaster raster, int fromX, int toX, int top, int bottom)
    {
        for (var x = fromX; x <= Math.Min(toX, raster.Width - 1); x++)
        {
            if (HasInk(raster, x, top, bottom))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the text is a number, with or without its minus.</summary>
    public static bool IsNumber(string text) => Number().IsMatch(text.StartsWith('-') ? text[1..] : text);

    private static bool IsUpright(TextQuad box) => MathF.Abs(box.TopLeft.Y - box.TopRight.Y) < 0.5f && box.Width >= 0.5f * box.Height;

    [GeneratedRegex(@"^[0-9][0-9.,]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
