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
