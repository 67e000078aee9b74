using SkiaSharp;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>A letter page as a PDF without a usable text layer gives it: set by PdfPig in two
/// columns (a 14 pt Helvetica Bold title across both, 10 pt Times paragraphs, a ruled table in
/// 10 pt Helvetica, an 8 pt footer) and rendered by poppler's pdftoppm at 150 dpi (1275 × 1650,
/// larger than the small images <c>Ocr:SmallImageDetectionScale</c> applies to). The damaged
/// copies are what a scanner or a lossy encoder would make of it.</summary>
internal static class RenderedPage
{
    private static readonly Lazy<OcrSample> Page = new(Compose);

    public static readonly string[] Left =
    [
        "The committee met on 14 February to review",
        "the budget. Spending on maintenance fell by",
        "8 percent, while staff costs rose slightly.",
        "Members agreed to publish the full accounts",
        "before the end of the quarter.",
    ];

    public static readonly string[] Right =
    [
        "The treasurer will report on the reserve fund",
        "in April, and the auditors visit in June. A",
        "summary of the vote is attached to the minutes",
        "kept by the secretary of the board.",
    ];

    public static OcrSample Clean() => Page.Value;

    /// <summary>The page drawn again onto a new bitmap through <paramref name="draw"/> (which draws
    /// the clean page itself), then changed pixel by pixel by <paramref name="change"/>, if given.</summary>
    public static SKBitmap Damaged(Action<SKCanvas, SKImage> draw, Action<Span<byte>>? change = null)
    {
        var page = Clean().Bitmap;
        var damaged = new SKBitmap(page.Width, page.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(damaged))
        using (var image = SKImage.FromBitmap(page))
        {
            canvas.Clear(SKColors.White);
            draw(canvas, image);
        }

        change?.Invoke(damaged.GetPixelSpan());
        return damaged;
    }

    private static OcrSample Compose()
    {
        var builder = new PdfDocumentBuilder();
        var times = builder.AddStandard14Font(Standard14Font.TimesRoman);
        var helvetica = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(612, 792);
        var lines = new List<DrawnText>();
        void Write(string text, double size, double x, double baseline, PdfDocumentBuilder.AddedFont font) =>
            lines.Add(new DrawnText(text, ToPixels(page.AddText(text, size, new PdfPoint(x, baseline), font))));

        Write("Annual Budget Review of the Parish Council", 14, 72, 720, bold);
        for (var i = 0; i < Left.Length; i++)
        {
            Write(Left[i], 10, 72, 690 - (i * 14), times);
        }

        for (var i = 0; i < Right.Length; i++)
        {
            Write(Right[i], 10, 320, 690 - (i * 14), times);
        }

        Write("Table 1. Expenses in thousands", 10, 72, 590, bold);
        (string Name, string Amount)[] rows = [("Maintenance", "412.5"), ("Salaries", "1,208.0"), ("Utilities", "96.3")];
        page.DrawLine(new PdfPoint(72, 583), new PdfPoint(300, 583), 0.8);
        for (var i = 0; i < rows.Length; i++)
        {
            Write(rows[i].Name, 10, 80, 568 - (i * 16), helvetica);
            Write(rows[i].Amount, 10, 240, 568 - (i * 16), helvetica);
            page.DrawLine(new PdfPoint(72, 563 - (i * 16)), new PdfPoint(300, 563 - (i * 16)), 0.5);
        }

        Write("Page 3 of 12", 8, 280, 40, times);
        using var rendered = ScannedPage.Render(builder.Build());
        return new OcrSample("rendered letter page at 150 dpi", rendered.Copy(SKColorType.Rgba8888), lines);
    }

    /// <summary>The letters' bounds in the rendered page's pixels (PDF points from the bottom).</summary>
    private static SKRect ToPixels(IReadOnlyList<Letter> letters)
    {
        var boxes = letters.Where(letter => !string.IsNullOrWhiteSpace(letter.Value)).Select(letter => letter.BoundingBox).ToList();
        var scale = ScannedPage.Dpi / 72f;
        return new SKRect(
            (float)boxes.Min(box => box.Left) * scale, (792 - (float)boxes.Max(box => box.Top)) * scale,
            (float)boxes.Max(box => box.Right) * scale, (792 - (float)boxes.Min(box => box.Bottom)) * scale);
    }
}
