namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class PdfRenderTests
{
    // A PNG's IHDR chunk holds its colour type at byte 25: 0 grey, 2 RGB, 6 RGB with alpha.
    private const int PngColourTypeOffset = 25;
    private const byte GreyColourType = 0;
    private const byte RgbColourType = 2;

    [Fact]
    public async Task Pages_are_rendered_as_png_at_the_configured_dpi()
    {
        var pages = await ExtractorFactory.ExtractAllAsync(SamplePdfs.Sentences("One page."));
        var page = Assert.Single(pages);

        // A4 is 595 × 842 points; at 150 dpi that is 1240 × 1754 pixels.
        Assert.Equal((1240, 1754), (page.Render.PixelWidth, page.Render.PixelHeight));
        Assert.Equal("image/png", page.Render.MediaType);
        using var decoded = TestImages.Decode(page.Render.Data);
        Assert.Equal((1240, 1754), (decoded.Width, decoded.Height));
        Assert.Equal(SkiaSharp.SKColors.White, decoded.GetPixel(5, 5));

        var lower = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.Sentences("One page."), new() { RenderDpi = 72, MinRenderSide = 256 }));
        Assert.Equal((595, 842), (lower.Render.PixelWidth, lower.Render.PixelHeight));
    }

    [Fact]
    public async Task A_page_of_black_text_is_stored_as_an_opaque_grey_png_on_white_paper()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.Sentences("Ink on paper.")));

        Assert.Equal(GreyColourType, page.Render.Data.Span[PngColourTypeOffset]);
        using var decoded = TestImages.Decode(page.Render.Data);
        Assert.Equal((1240, 1754), (decoded.Width, decoded.Height));
        Assert.Equal(SkiaSharp.SKColors.White, decoded.GetPixel(decoded.Width - 3, decoded.Height - 3));
        Assert.InRange(RenderInk.DarkFraction(page.Render), 0.0001, 0.05);
    }

    [Fact]
    public async Task A_page_with_colour_keeps_its_colours_in_an_opaque_rgb_png()
    {
        var png = TestImages.TwoTone(120, 80, SkiaSharp.SKEncodedImageFormat.Png);
        var jpeg = TestImages.TwoTone(160, 120, SkiaSharp.SKEncodedImageFormat.Jpeg);
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.PageWithImages(png, jpeg, png)));

        Assert.Equal(RgbColourType, page.Render.Data.Span[PngColourTypeOffset]);
        using var decoded = TestImages.Decode(page.Render.Data);
        Assert.Equal(SkiaSharp.SKColors.White, decoded.GetPixel(3, 3));
    }

    [Fact]
    public async Task A_huge_page_is_rendered_no_larger_than_the_maximum_side()
    {
        // 200 × 100 inches: 30,000 × 15,000 pixels at 150 dpi.
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(
            SamplePdfs.PageOfSize(14400, 7200), new() { MaxRenderSide = 800, MinRenderSide = 100 }));

        Assert.Equal((14400d, 7200d), (page.Width, page.Height));
        Assert.InRange(page.Render.PixelWidth, 795, 800);
        Assert.InRange(page.Render.PixelHeight, 397, 400);
        var word = Assert.Single(page.Words);
        Assert.True(RenderInk.DarkFraction(page.Render, word.Box) > 0.1, "the scaled-down render still lines up with the word box");
    }

    [Fact]
    public async Task A_tiny_page_is_rendered_up_to_the_minimum_side()
    {
        // A 20 × 10 point label would be 42 × 21 pixels at 150 dpi.
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.PageOfSize(20, 10)));

        Assert.Equal((20d, 10d), (page.Width, page.Height));
        Assert.InRange(page.Render.PixelWidth, 1024, 1026);
        Assert.InRange(page.Render.PixelHeight, 511, 514);
    }

    [Fact]
    public async Task A_page_tree_that_claims_more_pages_than_it_has_yields_the_pages_it_has()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 5 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream("BT /F1 12 Tf 72 700 Td (The only page) Tj ET");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf.ToBytes()));

        Assert.Equal("The only page", ExtractorFactory.Text(page));
    }

    [Fact]
    public async Task A_page_that_poppler_cannot_draw_keeps_its_words_and_gets_a_blank_render_of_its_size()
    {
        // /Rotate 45 is invalid; PdfPig rejects the page, poppler ignores the rotation. The reverse
        // case, PdfPig reading what poppler cannot draw, comes from an absurd /Count that poppler refuses.
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream("BT /F1 12 Tf 72 700 Td (Still readable) Tj ET");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf.ToBytes()));

        Assert.Equal("Still readable", ExtractorFactory.Text(page));
        Assert.Equal((1240, 1754), (page.Render.PixelWidth, page.Render.PixelHeight));
        Assert.Equal(0, RenderInk.DarkFraction(page.Render));
    }

    [Fact]
    public async Task A_page_that_pdfpig_cannot_read_is_still_rendered()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 45 /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream("BT /F1 24 Tf 72 700 Td (Drawn anyway) Tj ET");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf.ToBytes()));

        Assert.Empty(page.Words);
        Assert.True(RenderInk.DarkFraction(page.Render) > 0, "the text is drawn in the render");
        Assert.InRange(page.Width, 594, 596);
    }
}
