namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class PdfTextExtractionTests
{
    [Fact]
    public async Task Every_page_is_extracted_with_its_words_in_order()
    {
        var pages = await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreePagesOfText());

        Assert.Equal([1, 2, 3], pages.Select(page => page.Number));
        Assert.Equal("The second page speaks of zebras.", ExtractorFactory.Text(pages[1]));
        Assert.Empty(pages[2].Words);
        Assert.All(pages, page => Assert.Equal((SamplePdfs.A4Width, SamplePdfs.A4Height), (page.Width, page.Height)));
    }

    [Fact]
    public async Task Words_follow_reading_order_title_then_left_column_then_right_column()
    {
        var page = (await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreePagesOfText()))[0];

        // The right column is drawn first in the content stream; reading order must still put it last.
        string[] expected = ["Quarterly", "report", .. SamplePdfs.LeftColumn, .. SamplePdfs.RightColumn];
        Assert.Equal(expected, page.Words.Select(word => word.Text));
    }

    [Fact]
    public async Task Columns_of_several_paragraphs_are_read_column_by_column_whatever_the_drawing_order()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreeColumnsDrawnShuffled()));

        var tags = new List<string>();
        foreach (var word in page.Words.Where(word => SamplePdfs.ThreeColumnParagraphs.Contains(word.Text)))
        {
            if (tags.Count == 0 || tags[^1] != word.Text)
            {
                tags.Add(word.Text);
            }
        }

        Assert.Equal(SamplePdfs.ThreeColumnParagraphs, tags);
    }

    [Fact]
    public async Task Words_of_one_paragraph_share_a_block_and_blocks_are_numbered_in_reading_order()
    {
        var page = (await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreePagesOfText()))[0];

        var blockOf = page.Words.ToDictionary(word => word.Text, word => word.Block);
        Assert.Single(SamplePdfs.LeftColumn.Select(word => blockOf[word]).Distinct());
        Assert.Single(SamplePdfs.RightColumn.Select(word => blockOf[word]).Distinct());
        Assert.True(blockOf["Quarterly"] < blockOf["Alpha"]);
        Assert.True(blockOf["Alpha"] < blockOf["India"]);
        Assert.Equal(page.Words.Select(word => word.Block).Order(), page.Words.Select(word => word.Block));
    }

    [Fact]
    public async Task Word_boxes_are_fractions_of_the_page_measured_from_the_top_left()
    {
        var page = (await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreePagesOfText()))[0];

        // "Quarterly" has its baseline at y = 790 pt of 842 (PDF space grows upwards) and starts at x = 50.
        var title = page.Words.Single(word => word.Text == "Quarterly").Box;
        Assert.InRange(title.X, 50 / SamplePdfs.A4Width - 0.01, 50 / SamplePdfs.A4Width + 0.01);
        Assert.InRange(title.Bottom, (842 - 790) / SamplePdfs.A4Height - 0.01, (842 - 790) / SamplePdfs.A4Height + 0.01);
        Assert.InRange(title.Height, 0.015, 0.04);

        var india = page.Words.Single(word => word.Text == "India").Box;
        Assert.InRange(india.X, 330 / SamplePdfs.A4Width - 0.01, 330 / SamplePdfs.A4Width + 0.01);
        Assert.True(india.Y > title.Bottom, "a word lower on the page has a larger Y");
    }

    [Fact]
    public async Task Word_boxes_cover_the_ink_of_the_rendered_page()
    {
        var page = (await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreePagesOfText()))[0];

        var ink = new RenderInk(page.Render);
        foreach (var word in page.Words)
        {
            Assert.True(ink.DarkFraction(word.Box) > 0.1, $"no ink under \"{word.Text}\" at {word.Box}");
            var mirrored = word.Box with { Y = 1 - word.Box.Bottom };
            Assert.True(ink.DarkFraction(mirrored) < 0.02, $"ink where \"{word.Text}\" would be if Y were flipped");
        }
    }

    [Fact]
    public async Task A_rotated_page_is_measured_as_displayed_and_its_boxes_match_the_render()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(SamplePdfs.RotatedPage()));

        Assert.Equal((200d, 400d), (page.Width, page.Height));
        Assert.True(page.Render.PixelHeight > page.Render.PixelWidth, "the render is portrait like the displayed page");

        // Turned clockwise, the top-left corner of the 400 × 200 page becomes the top-right one.
        var corner = Assert.Single(page.Words).Box;
        Assert.True(corner.X > 0.75 && corner.Y < 0.25, $"box {corner} is not at the top-right");
        Assert.True(corner.Height > corner.Width, "the word runs downwards");
        Assert.True(RenderInk.DarkFraction(page.Render, corner) > 0.1);
    }

    [Fact]
    public async Task The_crop_box_is_the_page_and_text_outside_it_is_left_out()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 400] /CropBox [100 100 300 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream("BT /F1 12 Tf 110 280 Td (Visible) Tj ET BT /F1 12 Tf 400 50 Td (Cropped) Tj ET");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf.ToBytes()));

        Assert.Equal((200d, 200d), (page.Width, page.Height));
        Assert.Equal(page.Render.PixelWidth, page.Render.PixelHeight);
        var visible = Assert.Single(page.Words);
        Assert.Equal("Visible", visible.Text);
        Assert.InRange(visible.Box.X, 0.04, 0.06);
        Assert.InRange(visible.Box.Bottom, 0.09, 0.11);
        Assert.True(RenderInk.DarkFraction(page.Render, visible.Box) > 0.1);
    }

    [Fact]
    public async Task A_page_without_text_has_no_words_but_a_render()
    {
        var page = (await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreePagesOfText()))[2];

        Assert.Empty(page.Words);
        Assert.Equal("image/png", page.Render.MediaType);
        Assert.True(RenderInk.DarkFraction(page.Render) > 0.001, "the drawn rectangle shows in the render");
    }
}
