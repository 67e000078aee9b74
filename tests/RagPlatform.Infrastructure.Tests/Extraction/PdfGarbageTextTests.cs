namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class PdfGarbageTextTests
{
    [Fact]
    public async Task A_font_without_unicode_map_yields_no_words_so_that_ocr_reads_the_render()
    {
        var pages = await ExtractorFactory.ExtractAllAsync(GarbageTextPdfs.IdentityFontWithoutUnicodeMap());

        // PdfPig alone would return the glyph ids as text: "+HOOR ZRUG" for "Hello world".
        Assert.Empty(pages[0].Words);
        Assert.True(RenderInk.DarkFraction(pages[0].Render) > 0, "the glyphs are still drawn in the render");
        Assert.Equal(GarbageTextPdfs.GoodSentence, ExtractorFactory.Text(pages[1]));
    }

    [Fact]
    public async Task Text_mapped_to_private_use_characters_yields_no_words()
    {
        var pages = await ExtractorFactory.ExtractAllAsync(GarbageTextPdfs.PrivateUseUnicodeMap());

        Assert.Empty(pages[0].Words);
        Assert.Equal(GarbageTextPdfs.GoodSentence, ExtractorFactory.Text(pages[1]));
    }

    [Fact]
    public async Task Good_text_keeps_its_words_and_loses_only_the_unmappable_characters()
    {
        var pages = await ExtractorFactory.ExtractAllAsync(GarbageTextPdfs.GoodTextWithSomeControlCharacters());

        Assert.Equal(["Readable", "words", "stay", "here"], pages[0].Words.Select(word => word.Text));
        Assert.DoesNotContain(pages[0].Words, word => word.Text.Any(char.IsControl));
    }

    [Fact]
    public async Task A_page_over_the_configured_garbage_fraction_loses_all_its_words()
    {
        var pages = await ExtractorFactory.ExtractAllAsync(
            GarbageTextPdfs.GoodTextWithSomeControlCharacters(), new() { MaxUnmappableTextFraction = 0.05 });

        Assert.Empty(pages[0].Words);
        Assert.Equal(GarbageTextPdfs.GoodSentence, ExtractorFactory.Text(pages[1]));
    }
}
