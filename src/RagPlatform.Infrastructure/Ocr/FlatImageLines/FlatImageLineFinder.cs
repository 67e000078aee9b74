using System.Numerics;
using System.Runtime.InteropServices;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>Finds the text lines of a flat image (a screenshot or a chart drawn on uniform
/// backgrounds) from its pixels, without the detector network, the way tesseract's page layout
/// analysis does: ink is what belongs to no background (<see cref="InkMask"/>), its connected
/// components are sorted by shape (<see cref="BlobShapes"/>), and the text ones grouped into lines
/// (<see cref="LineGrouping"/>). Gives the detector's kind of boxes, in image pixels, or null when
/// the image is not flat enough or holds something it cannot judge (then the network detects).</summary>
internal static class FlatImageLineFinder
{
    /// <summary>Least share of the image that must be background for it to be flat.</summary>
    public const double MinBackgroundShare = 0.75;

    /// <summary>Margin around a line's ink, as a share of its height, across and along it: the
    /// detector's boxes (unclip ratio 1.5) lie about this far outside the ink of a line of several
    /// characters (on the bench's 1x images). Around a lone character they hug the ink, and so does
    /// this box: a lone 10 px "0" tick label in its ink box was read as "0" (0.99), with a pixel of
    /// margin across as "o".</summary>
    public const float PadAcross = 0.25f;

    public const float PadAlong = 0.16f;

    /// <summary>Most a horizontal line's box may be higher than wide: below the pipeline's 1.5 for
    /// vertical text, with room for rounding. Only as much wider as that: a lone 10 px "0" in a
    /// square box with margins was read as something else.</summary>
    public const float MaxUprightAspect = 1.4f;

    /// <summary>Least height of a line's ink, in pixels (the detector drops boxes of 3 or less).</summary>
    public const int MinLineHeight = 5;

    /// <summary>Highest a horizontal line's ink may be for its letter height: a line of letters
    /// spans its capitals and descenders, up to about twice its x-height; more means marks or
    /// components above or below its text (a focus ring's dashes, a highlight's rounded ends,
    /// an icon, the next line), which the network judges better.</summary>
    public const double MaxLineToLetterHeight = 2.5;

    public static IReadOnlyList<TextQuad>? Find(RgbaRaster raster)
    {
        var (width, height) = (raster.Width, raster.Height);
        var (ink, backgroundShare) = InkMask.Find(raster.Pixels, width, height);
        if (backgroundShare < MinBackgroundShare)
        {
            return null;
        }

        var text = new List<InkBlob>();
        var pixels = MemoryMarshal.Cast<byte, uint>(raster.Pixels.AsSpan());
        foreach (var blob in InkBlob.Find(ink, width, height))
        {
            switch (BlobShapes.Kind(blob, pixels, width))
            {
                case BlobKind.Large or BlobKind.Widget:
                    return null;
                case BlobKind.Text:
                    text.Add(blob);
                    break;
            }
        }

        var grouped = LineGrouping.Group(text);
        if (grouped.Any(line => !line.Vertical && line.Box.Height > MaxLineToLetterHeight * line.LetterHeight))
        {
            return null;
        }

        var lines = grouped
            .Where(line => Math.Min(line.Box.Width, line.Box.Height) >= MinLineHeight || (!line.Vertical && line.Box.Height >= MinLineHeight))
            .Select(line => Box(line.Box, line.Vertical, line.Members == 1 ? 0 : 1, width, height))
            .ToList();
        return lines.Count == 0 ? null : lines;
    }

    /// <summary>The line's ink box with the detector's margin, as an upright rectangle (a vertical
    /// line's box is as high as it is, and the pipeline turns it); a horizontal line wide enough for
    /// <see cref="MaxUprightAspect"/>, so that a lone narrow character ("1") is not taken for vertical text.</summary>
    private static TextQuad Box(InkBlob ink, bool vertical, float padding, int width, int height)
    {
        var size = padding * (vertical ? ink.Width : ink.Height);
        var (padX, padY) = vertical ? (PadAcross * size, PadAlong * size) : (PadAlong * size, PadAcross * size);
        var (left, top, right, bottom) = (ink.Left - padX, ink.Top - padY, ink.Right + padX, ink.Bottom + padY);
        if (!vertical && (right - left) * MaxUprightAspect < bottom - top)
        {
            var grow = (((bottom - top) / MaxUprightAspect) - (right - left)) / 2;
            (left, right) = (left - grow, right + grow);
        }

        return new TextQuad(new Vector2(left, top), new Vector2(right, top), new Vector2(right, bottom), new Vector2(left, bottom)).Clamp(width, height);
    }
}
