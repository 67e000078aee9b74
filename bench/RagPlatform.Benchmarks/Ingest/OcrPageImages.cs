using System.Diagnostics;
using System.Globalization;
using SkiaSharp;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Letter pages as a scan without a text layer gives them: set by PdfPig (a 14 pt
/// Helvetica Bold title, paragraphs in 10 and 11 pt Times, a two-column table in 10 pt Helvetica,
/// an 8 pt footer), rendered by poppler's pdftoppm (Debian poppler-utils) at 150 dpi to a PNG.</summary>
internal static class OcrPageImages
{
    public const int Dpi = 150;

    public static async Task<OcrBenchImage> PageAsync(int index, OcrBenchVocabulary words, CancellationToken cancellationToken)
    {
        var builder = new PdfDocumentBuilder();
        var times = builder.AddStandard14Font(Standard14Font.TimesRoman);
        var helvetica = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(612, 792);
        var drawn = new List<string>();
        void Write(string text, double size, double x, double baseline, PdfDocumentBuilder.AddedFont font)
        {
            page.AddText(text, size, new PdfPoint(x, baseline), font);
            drawn.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        Write(words.Title(4), 14, 72, 720, bold);
        var baseline = 690.0;
        for (var paragraph = 0; paragraph < 3; paragraph++)
        {
            var size = paragraph == 1 ? 11 : 10;
            for (var line = 0; line < 7; line++)
            {
                Write(words.Title(9), size, 72, baseline, times);
                baseline -= size * 1.4;
            }

            baseline -= 12;
        }

        Write(words.Title(3), 10, 72, baseline, bold);
        for (var row = 0; row < 6; row++)
        {
            baseline -= 15;
            Write(words.Title(2), 10, 90, baseline, helvetica);
            Write(words.Number(10, 9999).ToString(CultureInfo.InvariantCulture), 10, 300, baseline, helvetica);
        }

        Write("Page " + (index + 1).ToString(CultureInfo.InvariantCulture), 8, 290, 40, times);
        var png = await RenderAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        using var decoded = SKBitmap.Decode(png) ?? throw new InvalidDataException("pdftoppm wrote no readable PNG.");
        return new OcrBenchImage("page", $"page-{index:D2}", png, decoded.Width, decoded.Height, drawn);
    }

    private static async Task<byte[]> RenderAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("ocr-bench-page-");
        try
        {
            var input = Path.Combine(directory.FullName, "page.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo("pdftoppm", ["-r", Dpi.ToString(CultureInfo.InvariantCulture), "-png", "-singlefile", input, Path.Combine(directory.FullName, "page")])
            {
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm cannot be started (apt-get install poppler-utils).");
            var errors = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pdftoppm failed ({process.ExitCode}): {errors}");
            }

            return await File.ReadAllBytesAsync(Path.Combine(directory.FullName, "page.png"), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
