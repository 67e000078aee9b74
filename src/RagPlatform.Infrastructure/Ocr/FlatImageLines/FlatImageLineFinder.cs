using System.Numerics;
using System.Runtime.InteropServices;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>Finds the text lines of a flat image (a screenshot or a chart drawn on uniform
/// backgrounds) from its pixels, without the detector network, the way tesseract's page layout
/// analysis does: ink is what belongs to no background (<see cref="InkMask"/>), its connected
/// components are sorted by shape (<see cref="BlobShapes"/>), and the text ones grouped into lines
/// (<see cref="LineGrouping"/>); pages rendered from PDFs too, in page mode. Gives the detector's kind of boxes, in image pixels, or null when
/// the image is not flat enough or holds something it cannot judge (then the network detects).</summary>
internal static class FlatImageLineFinder
{
    /// <summary>Least share of the image that must be background for it to be flat.</summary>
    public const double MinBackgroundShare = 0.75;

    /// <summary>Most changes of colour from a pixel to the next in a row of a page, as a share of its
    /// pixels (every <see cref="ChangeRowStep"/>th row): a flat image at least <see cref="MinBackgroundShare"/>
    /// background changes colour at a few percent of its pixels (a rendered page of text 4-8 %), a
    /// scan's noise or a photo at most of them; it is declined before its runs are joined, which on a
    /// noisy page took 180-360 ms.</summary>
    public const double MaxColourChanges = 0.25;

    public const int ChangeRowStep = 4;

    /// <summary>Margin around a line's ink, as a share of its height, across and along it: the
    /// detector's boxes (unclip ratio 1.5) lie about this far outside the ink of a line of several
    /// characters (on the bench's 1x images). Around a lone character they hug the ink, and so does
    /// this box: a lone 10 px "0" tick label in its ink box was read as "0" (0.99), with a pixel of
    /// margin across as "o".</summary>
    public const float PadAcross = 0.25f;

    public const float PadAlong = 0.16f;

    /// <summary>Margin around a page's line (<see cref="Find"/>'s page mode), as a share of its ink's
    /// height, above and below: on a page rendered at 150 dpi the detector's boxes lie close to the ink
    /// (a 10 pt line of 22 px ink, 24-26 px high); in boxes padded as on 1x images (30 px) the
    /// recogniser lost word spaces ("anexternal") and read "fi" ligatures as "f"; at 0.06 the bench's
    /// pages lost a "committee".</summary>
    public const float PagePad = 0.1f;

    /// <summary>Margin at the ends of a page's line, as a share of its ink's height: as on 1x images
    /// (<see cref="PadAlong"/>); with <see cref="PagePad"/> there a word at a line's end ("settings")
    /// was lost once on the bench's pages.</summary>
    public const float PagePadAlong = PadAlong;

    /// <summary>Most a horizontal line's box may be higher than wide: below the pipeline's 1.5 for
    /// vertical text, with room for rounding. Only as much wider as that: a lone 10 px "0" in a
    /// square box with margins was read as something else.</summary>
    public const float MaxUprightAspect = 1.4f;

    /// <summary>Least height of a line's ink, in pixels (the detector drops boxes of 3 or less), and
    /// of its middle letter: a chart's scatter markers (3-4 px dots) side by side a pixel or two
    /// apart in height make a "line" 5 px high that was read as "++".</summary>
    public const int MinLineHeight = 5;

    /// <summary>Least height of a line of one component, as a share of the image's middle letter
    /// height: a chart's scatter markers that touch (two 4 px dots, 8 × 5 px) stand alone and were
    /// read as "电中"; the smallest lone text in the plots, an "x" axis title, is 11 px beside 15 px
    /// tick labels.</summary>
    public const double MinLoneShare = 0.5;

    /// <summary>Highest a horizontal line's ink may be for its letter height: a line of letters
    /// spans its capitals and descenders, up to about twice its x-height; more means marks or
    /// components above or below its text (a focus ring's dashes, a highlight's rounded ends,
    /// an icon, the next line), which the network judges better.</summary>
    public const double MaxLineToLetterHeight = 2.5;

    /// <summary>The same on a page (<see cref="LineGrouping"/> splits what spans several rows first),
    /// of its upper middle letter: a line of Times at 150 dpi spans its ascenders and descenders,
    /// 2.5 times its x-height (28 px against 11); two lines joined, twice that.</summary>
    public const double MaxPageLineToLetterHeight = 2.8;

    /// <param name="page">Reads the image as a page rendered from a PDF (<see cref="OcrOptions.FlatPageLines"/>):
    /// declined at once when its colour changes too often (<see cref="MaxColourChanges"/>: a scan's
    /// noise, a photo); no widgets judged (the hollow and stroke rules are for screen text of 9-15 px,
    /// and a page's 15-30 px "C", "O", brackets and braces fell under them); lines that span several
    /// rows split into them (<see cref="LineRows"/>), a line whose baseline runs up or down declines
    /// the page (a scan turned a degree or two); boxes that hug the ink (<see cref="PagePad"/>).</param>
    public static IReadOnlyList<TextQuad>? Find(RgbaRaster raster, bool page = false)
    {
        var (width, height) = (raster.Width, raster.Height);
        if (page && ColourChanges(MemoryMarshal.Cast<byte, uint>(raster.Pixels.AsSpan()), width, height) > MaxColourChanges)
        {
            return null;
        }

        var (ink, rules, backgroundShare) = InkMask.Find(raster.Pixels, width, height);
        if (backgroundShare < MinBackgroundShare)
        {
            return null;
        }

        var text = new List<InkBlob>();
        var pixels = MemoryMarshal.Cast<byte, uint>(raster.Pixels.AsSpan());
        foreach (var blob in InkBlob.Find(ink, width, height))
        {
            if (RulePieces.IsRulePiece(blob, rules, width, height))
            {
                continue;
            }

            switch (BlobShapes.Kind(blob, pixels, width))
            {
                case BlobKind.Widget when page:
                    text.Add(blob);
                    break;
                case BlobKind.Large or BlobKind.Widget:
                    return null;
                case BlobKind.Text:
                    text.Add(blob);
                    break;
            }
        }

        var grouped = LineGrouping.Group(text, page);
        var most = page ? MaxPageLineToLetterHeight : MaxLineToLetterHeight;
        if (grouped.Any(line => !line.Vertical && line.Box.Height > most * line.LetterHeight))
        {
            return null;
        }

        var lines = Readable(grouped)
            .Select(line => page && !line.Vertical
                ? PageBox(line.Box, width, height)
                : Box(line.Box, line.Vertical, line.Members == 1 ? 0 : 1, line.LetterHeight, width, height))
            .ToList();
        return lines.Count == 0 ? null : lines;
    }

    /// <summary>Share of the pixels of every <see cref="ChangeRowStep"/>th row whose colour differs from the pixel before.</summary>
    private static double ColourChanges(ReadOnlySpan<uint> pixels, int width, int height)
    {
        var (changes, seen) = (0L, 0L);
        for (var y = 0; y < height; y += ChangeRowStep)
        {
            var row = pixels.Slice(y * width, width);
            for (var x = 1; x < row.Length; x++)
            {
                changes += row[x] != row[x - 1] ? 1 : 0;
            }

            seen += width;
        }

        return seen == 0 ? 0 : (double)changes / seen;
    }

    /// <summary>The lines high enough to be text: at least <see cref="MinLineHeight"/> in ink and
    /// middle letter, and a line of one component at least <see cref="MinLoneShare"/> of the
    /// image's middle letter height.</summary>
    private static List<(InkBlob Box, int Members, bool Vertical, int LetterHeight)> Readable(List<(InkBlob Box, int Members, bool Vertical, int LetterHeight)> lines)
    {
        var high = lines.Where(line => line.Vertical ? line.Box.Width >= MinLineHeight : line.Box.Height >= MinLineHeight && line.LetterHeight >= MinLineHeight).ToList();
        var letters = high.Where(line => !line.Vertical).Select(line => line.LetterHeight).Order().ToList();
        var least = letters.Count == 0 ? 0 : MinLoneShare * letters[(letters.Count - 1) / 2];
        return [.. high.Where(line => line.Vertical || line.Members > 1 || line.Box.Height >= least)];
    }

    /// <summary>A page's horizontal line: its ink box with <see cref="PagePad"/> around it.</summary>
    private static TextQuad PageBox(InkBlob ink, int width, int height)
    {
        var (along, across) = (PagePadAlong * ink.Height, PagePad * ink.Height);
        var (left, top, right, bottom) = (ink.Left - along, ink.Top - across, ink.Right + along, ink.Bottom + across);
        if ((right - left) * MaxUprightAspect < bottom - top)
        {
            var grow = (((bottom - top) / MaxUprightAspect) - (right - left)) / 2;
            (left, right) = (left - grow, right + grow);
        }

        return new TextQuad(new Vector2(left, top), new Vector2(right, top), new Vector2(right, bottom), new Vector2(left, bottom)).Clamp(width, height);
    }

    /// <summary>The line's ink box with the detector's margin, as an upright rectangle (a vertical
    /// line's box is as high as it is, and the pipeline turns it); a horizontal line wide enough for
    /// <see cref="MaxUprightAspect"/>, so that a lone narrow character ("1") is not taken for vertical text.
    /// Across a horizontal line the margin is taken of the mean of its ink's and its middle letter's
    /// height: the detector's box follows the letters' body more than their ascenders and descenders,
    /// and a 14 px legend line ("no robust fitting", ink 18 px, letters 10) in a box padded by a
    /// quarter of its ink read "fiting" (the network's box is 20 px high, this one 25 instead of 27).</summary>
    private static TextQuad Box(InkBlob ink, bool vertical, float padding, int letterHeight, int width, int height)
    {
        var size = padding * (vertical ? ink.Width : ink.Height);
        var (padX, padY) = vertical
            ? (PadAcross * size, PadAlong * size)
            : (PadAlong * size, PadAcross * padding * (letterHeight + ink.Height) / 2f);
        var (left, top, right, bottom) = (ink.Left - padX, ink.Top - padY, ink.Right + padX, ink.Bottom + padY);
        if (!vertical && (right - left) * MaxUprightAspect < bottom - top)
        {
            var grow = (((bottom - top) / MaxUprightAspect) - (right - left)) / 2;
            (left, right) = (left - grow, right + grow);
        }

        return new TextQuad(new Vector2(left, top), new Vector2(right, top), new Vector2(right, bottom), new Vector2(left, bottom)).Clamp(width, height);
    }
}
