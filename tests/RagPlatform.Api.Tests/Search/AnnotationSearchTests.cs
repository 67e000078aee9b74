using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Tests.Extraction;

namespace RagPlatform.Api.Tests.Search;

/// <summary>A filled-in form whose words live only in its annotations and fields, found by search
/// through the real host. The form is ingested once for the whole class.</summary>
public sealed class AnnotationSearchTests(AnnotationSearchTests.IngestedForm form) : IClassFixture<AnnotationSearchTests.IngestedForm>
{
    public sealed class IngestedForm : IAsyncLifetime
    {
        public PlatformFactory Factory { get; } = new();

        public PlatformClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = new PlatformClient(Factory.CreateClient());
            await Client.IngestAsync(AnnotatedFormPdf.Build(), "filled-form.pdf");
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    [Theory]
    [InlineData(AnnotatedFormPdf.FreeTextWord)]
    [InlineData(AnnotatedFormPdf.NoteWord)]
    [InlineData(AnnotatedFormPdf.TextFieldWord)]
    [InlineData(AnnotatedFormPdf.ChosenOptionWord)]
    [InlineData(AnnotatedFormPdf.OfferedOptionWord)]
    [InlineData(AnnotatedFormPdf.NestedFieldWord)]
    [InlineData(AnnotatedFormPdf.UnplacedNoteWord)]
    public async Task A_word_that_only_an_annotation_or_a_form_field_holds_is_found(string word)
    {
        var result = await form.Client.SearchTextAsync(word, "&mode=lexical");

        var hit = Assert.Single(result.Hits, hit => hit.Modality == Modality.Text);
        Assert.Equal(("filled-form.pdf", 1), (hit.DocumentName, hit.Page));
        Assert.Contains($"«{word}»", hit.Snippet, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_filled_in_field_is_found_where_its_widget_sits()
    {
        var result = await form.Client.SearchTextAsync($"Marguerite {AnnotatedFormPdf.TextFieldWord}", "&mode=lexical");

        var region = result.Hits.First(hit => hit.Modality == Modality.Text).Region;
        Assert.NotNull(region);
        var (left, _, _, top) = AnnotatedFormPdf.TextFieldRect;
        Assert.InRange(region!.Value.X, (left / 595) - 0.01, (left / 595) + 0.01);
        Assert.InRange(region.Value.Y, ((842 - top) / 842) - 0.01, ((842 - top) / 842) + 0.01);
    }
}
