using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Extraction.Poppler;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>The poppler renderer draws what libvips' pdfload draws: the same size to the pixel and the
/// same pixels, page shape, /Rotate, crop box and resolution fits included.</summary>
public sealed class PopplerRenderAgreementTests
{
    // Both draw with the same poppler and cairo calls: every page here was measured pixel-identical;
    // the tolerance leaves room for rounding should a poppler or cairo update reach one path only.
    private const int ChannelTolerance = 2;

    private static readonly ExtractionOptions Options = new();

    public static TheoryData<string> GeneratedPages() => ["text", "colour images", "rotated 90", "crop box turned 270", "tiny label", "huge sheet"];

    [Theory]
    [MemberData(nameof(GeneratedPages))]
    public void Generated_pages_are_drawn_as_libvips_draws_them(string page)
    {
        using var file = new TempPdf(Sample(page));

        AssertSameRender(file.Path, 1);
    }

    [Fact]
    public void Pages_of_a_real_manual_are_drawn_as_libvips_draws_them()
    {
        const string manual = "/usr/share/R/doc/manual/R-intro.pdf";
        Assert.SkipUnless(File.Exists(manual), $"{manual} is not installed (Debian: r-base-core).");

        foreach (var page in new[] { 1, 2, 10, 50 })
        {
            AssertSameRender(manual, page);
        }
    }

    [Fact]
    public async Task Either_renderer_can_be_chosen_by_setting()
    {
        var pdf = SamplePdfs.Sentences("Drawn by libvips.");

        var vips = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf, new() { Renderer = PdfRenderer.Vips }));
        var poppler = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf, new() { Renderer = PdfRenderer.Poppler }));

        Assert.Equal((vips.Render.PixelWidth, vips.Render.PixelHeight), (poppler.Render.PixelWidth, poppler.Render.PixelHeight));
        Assert.Equal(RenderInk.DarkFraction(vips.Render), RenderInk.DarkFraction(poppler.Render));
    }

    [Fact]
    public void A_page_that_poppler_cannot_load_fails_with_a_clear_message()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 3 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        using var file = new TempPdf(pdf.ToBytes());
        using var renderer = new PopplerPageRenderer(file.Path, Options);

        var ex = Assert.Throws<PopplerException>(() => renderer.Render(3, TestContext.Current.CancellationToken));

        Assert.Contains("page 3", ex.Message, StringComparison.Ordinal);
        var first = renderer.Render(1, TestContext.Current.CancellationToken);
        Assert.Equal((1240, 1754), (first.Image.PixelWidth, first.Image.PixelHeight));
    }

    [Fact]
    public void A_file_that_poppler_cannot_open_fails_every_page_with_poppler_s_reason()
    {
        using var file = new TempPdf("%PDF-1.7\nnothing else"u8.ToArray());
        using var renderer = new PopplerPageRenderer(file.Path, Options);

        var first = Assert.Throws<PopplerException>(() => renderer.Render(1, TestContext.Current.CancellationToken));
        var second = Assert.Throws<PopplerException>(() => renderer.Render(2, TestContext.Current.CancellationToken));

        Assert.StartsWith("Poppler cannot open the PDF", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, second.Message);
    }

    private static void AssertSameRender(string path, int pageNumber)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var vips = new PdfPageRenderer(Options).Render(path, pageNumber, cancellationToken);
        RenderedPage poppler;
        using (var renderer = new PopplerPageRenderer(path, Options))
        {
            poppler = renderer.Render(pageNumber, cancellationToken);
        }

        Assert.Equal((vips.Image.PixelWidth, vips.Image.PixelHeight), (poppler.Image.PixelWidth, poppler.Image.PixelHeight));
        Assert.Equal((vips.WidthPoints, vips.HeightPoints), (poppler.WidthPoints, poppler.HeightPoints));
        Assert.Equal(vips.Image.Data.Span[25], poppler.Image.Data.Span[25]);
        using var expected = TestImages.Decode(vips.Image.Data);
        using var actual = TestImages.Decode(poppler.Image.Data);
        var (differing, largest) = Compare(expected, actual);
        Assert.True(largest <= ChannelTolerance, $"page {pageNumber}: {differing} pixels differ, by up to {largest}");
    }

    private static (int Differing, int Largest) Compare(SKBitmap expected, SKBitmap actual)
    {
        var (differing, largest) = (0, 0);
        for (var y = 0; y < expected.Height; y++)
        {
            for (var x = 0; x < expected.Width; x++)
            {
                var (e, a) = (expected.GetPixel(x, y), actual.GetPixel(x, y));
                var difference = Math.Max(Math.Abs(e.Red - a.Red), Math.Max(Math.Abs(e.Green - a.Green), Math.Abs(e.Blue - a.Blue)));
                differing += difference > 0 ? 1 : 0;
                largest = Math.Max(largest, difference);
            }
        }

        return (differing, largest);
    }

    private static byte[] Sample(string page) => page switch
    {
        "text" => SamplePdfs.Sentences("Ink on paper, drawn twice.", "A second sentence in the same font."),
        "colour images" => SamplePdfs.PageWithImages(
            TestImages.TwoTone(120, 80, SKEncodedImageFormat.Png),
            TestImages.TwoTone(160, 120, SKEncodedImageFormat.Jpeg),
            TestImages.TwoTone(16, 16, SKEncodedImageFormat.Png)),
        "rotated 90" => SamplePdfs.RotatedPage(),
        "crop box turned 270" => CroppedAndTurned(),
        "tiny label" => SamplePdfs.PageOfSize(20, 10),
        "huge sheet" => SamplePdfs.PageOfSize(14400, 7200),
        _ => throw new ArgumentOutOfRangeException(nameof(page), page, null),
    };

    private static byte[] CroppedAndTurned()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 400] /CropBox [100 50 333 300] /Rotate 270 /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream("BT /F1 24 Tf 120 200 Td (Cropped and turned) Tj ET 1 0 0 rg 150 80 60 40 re f");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        return pdf.ToBytes();
    }
}
