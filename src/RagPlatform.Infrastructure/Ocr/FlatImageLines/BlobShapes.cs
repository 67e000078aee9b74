namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>Sorts ink components by shape into text and the rest (<see cref="BlobKind"/>). The
/// sizes are for text at screen sizes, about 9-24 px.</summary>
internal static class BlobShapes
{
    /// <summary>Highest component that can be a letter, in pixels.</summary>
    public const int MaxTextHeight = 48;

    /// <summary>A component at most this thick and at least <see cref="MinRuleLength"/> long is a rule.</summary>
    public const int MaxRuleThickness = 2;

    public const int MinRuleLength = 16;

    /// <summary>Least side of a solid block: smaller solid marks (dots, hyphens, an "l") are text.</summary>
    public const int MinSolidSide = 6;

    /// <summary>Least share of its box a solid block fills, in ink and in its one colour. Letters
    /// with their antialiased fringes fill a third to two thirds of theirs with ink, or all of it
    /// when their counters are enclosed ("0", "o"), but never in one colour.</summary>
    public const double MinSolidFill = 0.9;

    /// <summary>A component at least <see cref="MinFrameSide"/> on a side that fills less than this
    /// share of its box is a frame.</summary>
    public const double MaxFrameFill = 0.15;

    public const int MinFrameSide = 24;

    /// <summary>Least height of a thin stroke that is no letter: the "l" and "|" of text up to
    /// about 24 px are lower. A GTK button's rounded end (a stroke of its border, 30-34 px) is not.</summary>
    public const int MinWidgetStroke = 24;

    /// <summary>A component at least <see cref="MinWidgetStroke"/> high, at most this share of it
    /// wide and filling less than <see cref="MaxStrokeFill"/> of its box is a widget's stroke (a
    /// button's end: its border's side and rounded corners fill 0.29-0.45). The touching letters
    /// of a word turned a quarter (an 11 px y-axis title, 8 × 35 px) fill more, 0.56.</summary>
    public const double MaxStrokeWidth = 0.25;

    public const double MaxStrokeFill = 0.5;

    /// <summary>Least side of a hollow widget (a check box is 14-16 px at 1x): capitals of text
    /// up to about 15 px are lower.</summary>
    public const int MinHollowSide = 12;

    /// <summary>A component at least <see cref="MinHollowSide"/> on both sides that fills less
    /// than this share of its box with ink is hollow: a window's rounded corner or a highlight's
    /// dashed frame fills a fifth to a quarter, an "O" with its antialiased fringes about half.</summary>
    public const double MaxHollowFill = 0.35;

    /// <summary>A component at least <see cref="MinHollowSide"/> on both sides with at least this
    /// share of its box in the colour of its centre is a frame around an area too small to be a
    /// background (a check box, a radio button: 0.7-0.8); a letter's counter ("O") is about 0.4.</summary>
    public const double MinEnclosedShare = 0.55;

    /// <param name="pixels">The image, one RGBA value per pixel, to tell a solid block (of one
    /// colour) from a letter whose counters (enclosed, so not background) fill its box.</param>
    public static BlobKind Kind(InkBlob blob, ReadOnlySpan<uint> pixels, int imageWidth)
    {
        var (width, height) = (blob.Width, blob.Height);
        if ((width >= MinRuleLength && height <= MaxRuleThickness) || (height >= MinRuleLength && width <= MaxRuleThickness))
        {
            return BlobKind.Rule;
        }

        if (width >= MinSolidSide && height >= MinSolidSide && blob.Fill >= MinSolidFill && OneColour(blob, pixels, imageWidth) >= MinSolidFill * width * height)
        {
            return BlobKind.Solid;
        }

        if (Math.Max(width, height) >= MinFrameSide && blob.Fill < MaxFrameFill)
        {
            return BlobKind.Frame;
        }

        if (height > MaxTextHeight)
        {
            return BlobKind.Large;
        }

        var stroke = height >= MinWidgetStroke && width <= MaxStrokeWidth * height && blob.Fill < MaxStrokeFill;
        var box = Math.Min(width, height) >= MinHollowSide && (blob.Fill < MaxHollowFill || OneColour(blob, pixels, imageWidth) >= MinEnclosedShare * width * height);
        return stroke || box ? BlobKind.Widget : BlobKind.Text;
    }

    /// <summary>How many pixels of the blob's box have the colour of its centre.</summary>
    private static int OneColour(InkBlob blob, ReadOnlySpan<uint> pixels, int imageWidth)
    {
        var colour = pixels[(((blob.Top + blob.Bottom) / 2) * imageWidth) + ((blob.Left + blob.Right) / 2)];
        var count = 0;
        for (var y = blob.Top; y < blob.Bottom; y++)
        {
            foreach (var pixel in pixels.Slice((y * imageWidth) + blob.Left, blob.Width))
            {
                count += pixel == colour ? 1 : 0;
            }
        }

        return count;
    }
}
