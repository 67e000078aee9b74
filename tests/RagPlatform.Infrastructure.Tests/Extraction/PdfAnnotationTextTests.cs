using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Text that lives in annotations and form fields, not in the page's drawing.</summary>
public sealed class PdfAnnotationTextTests
{
    [Theory]
    [InlineData(AnnotatedFormPdf.FreeTextWord)]
    [InlineData(AnnotatedFormPdf.NoteWord)]
    [InlineData(AnnotatedFormPdf.TextFieldWord)]
    [InlineData(AnnotatedFormPdf.ChosenOptionWord)]
    [InlineData(AnnotatedFormPdf.OfferedOptionWord)]
    [InlineData(AnnotatedFormPdf.NestedFieldWord)]
    [InlineData(AnnotatedFormPdf.UnplacedNoteWord)]
    [InlineData(AnnotatedFormPdf.LoopingFieldWord)]
    public async Task Words_of_annotations_and_form_fields_are_read_once(string word)
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(AnnotatedFormPdf.Build()));

        Assert.Single(page.AnnotationWords, found => found.Text == word);
        Assert.Equal(["Application", "form"], page.Words.Select(found => found.Text));
    }

    [Fact]
    public async Task A_field_word_is_boxed_by_its_widget_and_a_note_without_rect_by_the_page()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(AnnotatedFormPdf.Build()));

        var field = page.AnnotationWords.Single(found => found.Text == AnnotatedFormPdf.TextFieldWord).Box;
        var (left, bottom, right, top) = AnnotatedFormPdf.TextFieldRect;
        Assert.Equal(left / 595, field.X, 3);
        Assert.Equal((842 - top) / 842, field.Y, 3);
        Assert.Equal((right - left) / 595, field.Width, 3);
        Assert.Equal((top - bottom) / 842, field.Height, 3);

        Assert.Equal(Region.WholePage, page.AnnotationWords.Single(found => found.Text == AnnotatedFormPdf.UnplacedNoteWord).Box);
    }

    [Fact]
    public async Task Each_annotation_is_a_block_of_its_own_after_the_text_layer()
    {
        var page = Assert.Single(await ExtractorFactory.ExtractAllAsync(AnnotatedFormPdf.Build()));

        var blockOf = page.AnnotationWords.ToLookup(word => word.Block, word => word.Text);
        Assert.Contains(blockOf, block => block.SequenceEqual(["Marguerite", AnnotatedFormPdf.TextFieldWord]));
        Assert.True(page.AnnotationWords.Min(word => word.Block) > page.Words.Max(word => word.Block));
    }

    [Fact]
    public async Task A_page_without_annotations_has_no_annotation_words()
    {
        var pages = await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreePagesOfText());

        Assert.All(pages, page => Assert.Empty(page.AnnotationWords));
    }
}
