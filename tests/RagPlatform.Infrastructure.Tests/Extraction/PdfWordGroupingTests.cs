using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Words in fonts that are not embedded, whose glyph boxes are the whole font's bounding box:
/// neither glued together nor missing letters.</summary>
public sealed class PdfWordGroupingTests
{
    private static readonly string[] Byline = ["First", "Last,", "University", "of", "City"];

    [Theory]
    [InlineData(Standard14Font.Helvetica)]
    [InlineData(Standard14Font.TimesRoman)]
    public async Task Words_separated_by_space_glyphs_in_a_standard_font_stay_apart(Standard14Font standard)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(standard);
        builder.AddPage(PageSize.A4).AddText("First Last, University of City", 9, new PdfPoint(72, 700), font);

        Assert.Equal(Byline, await WordsAsync(builder.Build()));
    }

    [Fact]
    public async Task Space_glyphs_part_words_in_a_font_whose_glyph_boxes_are_its_bounding_box()
    {
        var pdf = WordSpacingPdfs.Page("BT /F1 9 Tf 72 700 Td (First Last, University of City) Tj ET", wideFont: true);

        Assert.Equal(Byline, await WordsAsync(pdf));
    }

    [Fact]
    public async Task Space_glyphs_squeezed_by_justification_still_part_words()
    {
        // Word spacing of -2.5 points leaves each 5-point space 2.5 points wide, a fifth of an em.
        var pdf = WordSpacingPdfs.Page("BT /F1 12.5 Tf -2.5 Tw 72 700 Td (First Last, University of City) Tj ET", wideFont: true);

        Assert.Equal(Byline, await WordsAsync(pdf));
    }

    [Theory]
    [InlineData(false, WordSpacingPdfs.Times)]
    [InlineData(false, WordSpacingPdfs.Helvetica)]
    [InlineData(true, "")]
    public async Task Words_parted_only_by_positioning_stay_apart(bool wideFont, string font)
    {
        // TJ moves the next word a quarter of an em on: the space of Times, drawn without a space glyph.
        var pdf = WordSpacingPdfs.Page("BT /F1 9 Tf 72 700 Td [(First) -250 (Last,) -250 (University) -250 (of) -250 (City)] TJ ET", wideFont, font);

        Assert.Equal(Byline, await WordsAsync(pdf));
    }

    [Fact]
    public async Task Words_set_one_by_one_with_tight_spacing_stay_apart()
    {
        string[] words = ["Tight", "word", "spacing", "keeps", "every", "word", "apart"];

        Assert.Equal(words, await WordsAsync(WordSpacingPdfs.Page(WordSpacingPdfs.WordByWord(words, gapInEms: 0.2))));
    }

    [Fact]
    public async Task Kerning_inside_a_word_does_not_split_it()
    {
        var pdf = WordSpacingPdfs.Page("BT /F1 12 Tf 72 700 Td [(W) 80 (a) -40 (v) 60 (e) -50 (s)] TJ ET", font: WordSpacingPdfs.Times);

        Assert.Equal(["Waves"], await WordsAsync(pdf));
    }

    [Fact]
    public async Task An_invisible_text_layer_keeps_repeated_letters()
    {
        string[] words = ["Lorem", "ipsum", "dolor", "sit", "amet", "balloon", "committee", "bookkeeper"];
        var pdf = WordSpacingPdfs.Page($"BT /F1 11 Tf 3 Tr 72 700 Td ({string.Join(' ', words)}) Tj ET", wideFont: true);

        Assert.Equal(words, await WordsAsync(pdf));
    }

    [Fact]
    public async Task An_invisible_text_layer_set_word_by_word_keeps_repeated_letters()
    {
        string[] words = ["dolor", "balloon", "committee", "address"];

        Assert.Equal(words, await WordsAsync(WordSpacingPdfs.Page(WordSpacingPdfs.WordByWord(words, gapInEms: 0.3, renderMode: "3"))));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public async Task Fake_bold_drawn_letter_by_letter_is_read_once(double offset)
    {
        var pdf = WordSpacingPdfs.Page(WordSpacingPdfs.LetterByLetterFakeBold("Committee balloon dolor", offset), wideFont: true);

        Assert.Equal(["Committee", "balloon", "dolor"], await WordsAsync(pdf));
    }

    [Fact]
    public async Task Fake_bold_drawn_line_by_line_is_read_once()
    {
        const string Line = "(Bold committee balloon) Tj";
        var pdf = WordSpacingPdfs.Page($"BT /F1 14 Tf 72 700 Td {Line} ET BT /F1 14 Tf 72.4 700.2 Td {Line} ET BT /F1 14 Tf 72.8 700 Td {Line} ET");

        Assert.Equal(["Bold", "committee", "balloon"], await WordsAsync(pdf));
    }

    private static async Task<string[]> WordsAsync(byte[] pdf)
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(pdf));
        return page.Words.Select(word => word.Text).ToArray();
    }
}
