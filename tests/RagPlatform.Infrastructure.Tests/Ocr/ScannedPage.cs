using System.Diagnostics;
using SkiaSharp;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>A page of a report as a scanner gives it: set in Times and Helvetica by PdfPig,
/// rendered without a text layer by poppler's pdftoppm (Debian package poppler-utils) at 150 dpi,
/// then turned by a slight angle, speckled with noise and saved as a JPEG.</summary>
internal static class ScannedPage
{
    public const int Dpi = 150;

    /// <summary>Half-letter paper (5.5 × 8.5 inches), in points.</summary>
    public const double PageWidth = 396;
    public const double PageHeight = 612;

    public static readonly string[] Body =
    [
        "The committee met on 14 February to review the budget.",
        "Spending on maintenance fell by 8 percent, while staff",
        "costs rose slightly. Members agreed to publish the full",
        "accounts before the end of the quarter, and asked the",
        "treasurer to report on the reserve fund in April.",
    ];

    /// <param name="angle">Degrees the sheet lies turned on the scanner, clockwise.</param>
    public static OcrSample Create(float angle)
    {
        var (pdf, lines) = Compose();
        using var rendered = Render(pdf);
        return Scan(rendered, lines, angle);
    }

    /// <summary>A 14 pt title, a paragraph in 10 pt Times, a table of two columns and an 8 pt
    /// page number, in reading order.</summary>
    private static (byte[] Pdf, List<(string Text, PdfRectangle Bounds)> Lines) Compose()
    {
        var builder = new PdfDocumentBuilder();
        var times = builder.AddStandard14Font(Standard14Font.TimesRoman);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(PageWidth, PageHeight);
        var lines = new List<(string, PdfRectangle)>();
        void Write(string text, double size, double x, double baseline, PdfDocumentBuilder.AddedFont font)
        {
            var letters = page.AddText(text, size, new PdfPoint(x, baseline), font);
            lines.Add((text, Bounds(letters)));
        }

        Write("Annual Budget Review 2024", 14, 44, 560, bold);
        for (var i = 0; i < Body.Length; i++)
        {
            Write(Body[i], 10, 44, 528 - (i * 14), times);
        }

        Write("Table 1. Expenses (thousands)", 10, 44, 444, bold);
        (string Name, string Amount)[] rows = [("Maintenance", "412.5"), ("Salaries", "1,208.0"), ("Utilities", "96.3")];
        for (var i = 0; i < rows.Length; i++)
        {
            Write(rows[i].Name, 10, 60, 424 - (i * 14), times);
            Write(rows[i].Amount, 10, 220, 424 - (i * 14), times);
        }

        Write("Page 3 of 12", 8, 175, 40, times);
        return (builder.Build(), lines);
    }

    private static PdfRectangle Bounds(IReadOnlyList<Letter> letters)
    {
        var rectangles = letters.Where(letter => !string.IsNullOrWhiteSpace(letter.Value)).Select(letter => letter.BoundingBox).ToList();
        return new PdfRectangle(
            rectangles.Min(r => r.Left), rectangles.Min(r => r.Bottom), rectangles.Max(r => r.Right), rectangles.Max(r => r.Top));
    }

    /// <summary>The PDF's first page as pdftoppm renders it at <see cref="Dpi"/> (skips the test without poppler-utils).</summary>
    internal static SKBitmap Render(byte[] pdf)
    {
        var directory = Directory.CreateTempSubdirectory("ocr-scan-");
        try
        {
            var input = Path.Combine(directory.FullName, "page.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo("pdftoppm", ["-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", "-singlefile", input, Path.Combine(directory.FullName, "page")])
            {
                RedirectStandardError = true,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Skip("pdftoppm is not installed (apt-get install poppler-utils); it renders the scanned page of this test.");
                throw;
            }

            using (process)
            {
                var errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
            }

            return SKBitmap.Decode(Path.Combine(directory.FullName, "page.png"))
                ?? throw new InvalidDataException("pdftoppm wrote no readable PNG.");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static OcrSample Scan(SKBitmap page, List<(string Text, PdfRectangle Bounds)> lines, float angle)
    {
        var scale = Dpi / 72f;
        var turn = SKMatrix.CreateRotationDegrees(angle, page.Width / 2f, page.Height / 2f);

        var scanned = new SKBitmap(page.Width, page.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(scanned))
        {
            canvas.Clear(new SKColor(246, 244, 238)); // Paper is not white under a scanner lamp.
            canvas.SetMatrix(turn);
            using var image = SKImage.FromBitmap(page);
            using var multiply = new SKPaint { BlendMode = SKBlendMode.Multiply };
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), multiply);
        }

        // Sensor noise: ±12 levels, the same for every run.
        var random = new Random(7);
        var pixels = scanned.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var noise = random.Next(-12, 13);
            for (var channel = 0; channel < 3; channel++)
            {
                pixels[i + channel] = (byte)Math.Clamp(pixels[i + channel] + noise, 0, 255);
            }
        }

        using var jpeg = SKImage.FromBitmap(scanned).Encode(SKEncodedImageFormat.Jpeg, 75);
        var decoded = SKBitmap.Decode(jpeg.ToArray());

        var drawn = lines.Select(line =>
        {
            var rectangle = new SKRect(
                (float)line.Bounds.Left * scale, ((float)PageHeight - (float)line.Bounds.Top) * scale,
                (float)line.Bounds.Right * scale, ((float)PageHeight - (float)line.Bounds.Bottom) * scale);
            return new DrawnText(line.Text, turn.MapRect(rectangle));
        }).ToList();
        return new OcrSample($"scanned page at {Dpi} dpi turned {angle}°", decoded, drawn);
    }
}
