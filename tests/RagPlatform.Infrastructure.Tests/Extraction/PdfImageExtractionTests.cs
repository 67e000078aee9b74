using NetVips;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class PdfImageExtractionTests
{
    private static readonly byte[] Png = TestImages.TwoTone(120, 80, SKEncodedImageFormat.Png);
    private static readonly byte[] Jpeg = TestImages.TwoTone(160, 120, SKEncodedImageFormat.Jpeg);
    private static readonly byte[] Bullet = TestImages.TwoTone(16, 16, SKEncodedImageFormat.Png);

    [Fact]
    public async Task An_embedded_png_comes_back_decodable_with_its_pixel_size_and_place_on_the_page()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.PageWithImages(Png, Jpeg, Bullet)));

        var png = Assert.Single(page.Images, image => image.Image.MediaType == "image/png");
        Assert.Equal((120, 80), (png.Image.PixelWidth, png.Image.PixelHeight));
        AssertBox(png.Box, left: 50, bottom: 500, right: 290, top: 660);

        using var decoded = TestImages.Decode(png.Image.Data);
        Assert.Equal((120, 80), (decoded.Width, decoded.Height));
        Assert.True(TestImages.Near(decoded.GetPixel(10, 40), TestImages.Red), "left half is red");
        Assert.True(TestImages.Near(decoded.GetPixel(110, 40), TestImages.Blue), "right half is blue");
    }

    [Fact]
    public async Task An_embedded_jpeg_is_kept_byte_for_byte_with_its_place_on_the_page()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.PageWithImages(Png, Jpeg, Bullet)));

        var jpeg = Assert.Single(page.Images, image => image.Image.MediaType == "image/jpeg");
        Assert.Equal(Jpeg, jpeg.Image.Data.ToArray());
        Assert.Equal((160, 120), (jpeg.Image.PixelWidth, jpeg.Image.PixelHeight));
        AssertBox(jpeg.Box, left: 320, bottom: 100, right: 480, top: 220);

        using var decoded = TestImages.Decode(jpeg.Image.Data);
        Assert.True(TestImages.Near(decoded.GetPixel(20, 60), TestImages.Red));
    }

    [Fact]
    public async Task Images_smaller_than_the_minimum_side_are_skipped_as_decoration()
    {
        var pdf = SamplePdfs.PageWithImages(Png, Jpeg, Bullet);

        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf));
        Assert.Equal(2, page.Images.Count);

        var strict = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf, new() { MinImageSide = 100 }));
        Assert.Equal("image/jpeg", Assert.Single(strict.Images).Image.MediaType);
    }

    [Fact]
    public async Task Images_over_the_pixel_limit_are_skipped_without_decoding()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(
            SamplePdfs.PageWithImages(Png, Jpeg, Bullet), new() { MaxImagePixels = 120 * 80 }));

        Assert.Equal((120, 80), (Assert.Single(page.Images).Image.PixelWidth, page.Images[0].Image.PixelHeight));
    }

    [Fact]
    public async Task A_scanned_page_has_no_words_and_no_separate_image_only_its_render()
    {
        // A real text page, rendered to pixels the way a scanner would see it.
        var textPdf = SamplePdfs.Sentences("Scanned letters have no text layer at all.");
        using var scan = Image.PdfloadBuffer(textPdf, dpi: 100);
        using var flat = scan.Flatten(background: [255, 255, 255]);
        var scanPng = flat.PngsaveBuffer();

        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.ScannedPage(scanPng)));

        Assert.Empty(page.Words);
        Assert.Empty(page.Images);
        Assert.Equal((1240, 1754), (page.Render.PixelWidth, page.Render.PixelHeight));
        Assert.True(RenderInk.DarkFraction(page.Render) > 0.001, "the scanned text shows in the render");
    }

    [Fact]
    public async Task An_image_on_a_rotated_page_has_its_box_where_the_render_shows_it()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(400, 200);
        page.AddPng(Png, new UglyToad.PdfPig.Core.PdfRectangle(20, 100, 140, 180));
        page.SetRotation(new UglyToad.PdfPig.Content.PageRotationDegrees(90));

        var extracted = Assert.Single(await ExtractorFactory.ExtractAllAsync(builder.Build()));

        // Turned clockwise, (x, y) on the 400 × 200 page lands at (y, 400 - x) on the 200 × 400 one:
        // the picture at x 20..140, y 100..180 is displayed at x 100..180, 20..140 from the top.
        var box = Assert.Single(extracted.Images).Box;
        Assert.Equal((100d, 180d), (Math.Round(box.X * 200), Math.Round(box.Right * 200)));
        Assert.Equal((20d, 140d), (Math.Round(box.Y * 400), Math.Round(box.Bottom * 400)));
        Assert.True(RenderInk.DarkFraction(extracted.Render, box) > 0.95, "the render shows the picture inside the box");
    }

    [Fact]
    public async Task A_jpeg_2000_image_is_skipped_while_the_page_keeps_its_text_and_render()
    {
        using var source = Image.NewFromBuffer(Png);
        var jpx = source.Jp2ksaveBuffer();
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>");
        pdf.AddStream("q 240 0 0 160 50 500 cm /Im1 Do Q BT /F1 12 Tf 50 480 Td (A JPEG 2000 picture) Tj ET");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        pdf.AddStream(System.Text.Encoding.Latin1.GetString(jpx), "/Type /XObject /Subtype /Image /Width 120 /Height 80 /Filter /JPXDecode");

        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf.ToBytes()));

        Assert.Empty(page.Images);
        Assert.Equal("A JPEG 2000 picture", ExtractorFactory.Text(page));
        var drawnAt = new Core.Documents.Region(50 / SamplePdfs.A4Width, (842 - 660) / SamplePdfs.A4Height, 240 / SamplePdfs.A4Width, 160 / SamplePdfs.A4Height);
        Assert.True(RenderInk.DarkFraction(page.Render, drawnAt) > 0.9, "poppler decodes the JPEG 2000 picture in the render");
    }

    /// <summary>The box, given in PDF points of an A4 page (origin bottom-left), within half a point.</summary>
    private static void AssertBox(Core.Documents.Region box, double left, double bottom, double right, double top)
    {
        const double tolerance = 0.5;
        Assert.InRange(box.X * SamplePdfs.A4Width, left - tolerance, left + tolerance);
        Assert.InRange(box.Right * SamplePdfs.A4Width, right - tolerance, right + tolerance);
        Assert.InRange(box.Y * SamplePdfs.A4Height, SamplePdfs.A4Height - top - tolerance, SamplePdfs.A4Height - top + tolerance);
        Assert.InRange(box.Bottom * SamplePdfs.A4Height, SamplePdfs.A4Height - bottom - tolerance, SamplePdfs.A4Height - bottom + tolerance);
    }
}
