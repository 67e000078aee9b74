using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Tests.Extraction.Isolation;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>The title a PDF gives itself in its metadata, read on opening, in process and through
/// an extractor process alike.</summary>
public sealed class PdfTitleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_information_dictionary_title_is_read_in_process_and_through_an_extractor_process()
    {
        using var file = new TempPdf(TitledPdfs.WithInformationTitle("  Photosynthesis\tHandbook \u0001"));

        Assert.Equal("Photosynthesis Handbook", await TitleInProcessAsync(file.Path));
        Assert.Equal("Photosynthesis Handbook", await TitleInExtractorProcessAsync(file.Path));
    }

    [Fact]
    public async Task The_xmp_title_stands_in_when_there_is_no_information_dictionary()
    {
        using var file = new TempPdf(TitledPdfs.WithXmpTitleOnly("Lighthouse Keeping"));

        Assert.Equal("Lighthouse Keeping", await TitleInProcessAsync(file.Path));
        Assert.Equal("Lighthouse Keeping", await TitleInExtractorProcessAsync(file.Path));
    }

    [Fact]
    public async Task A_pdf_without_a_title_has_none()
    {
        using var file = new TempPdf(SamplePdfs.ThreePagesOfText());

        Assert.Null(await TitleInProcessAsync(file.Path));
        Assert.Null(await TitleInExtractorProcessAsync(file.Path));
    }

    [Theory]
    [InlineData("report.docx")]
    [InlineData("Microsoft Word - minutes 2019.doc")]
    [InlineData(@"C:\temp\draft.pdf")]
    [InlineData(" \u0002\t ")]
    public void A_title_that_is_empty_or_only_names_a_file_is_no_title(string title) =>
        Assert.Null(DocumentTitle.Clean(title, "/data/originals/abc.pdf"));

    [Fact]
    public void A_title_that_repeats_the_files_own_name_is_no_title() =>
        Assert.Null(DocumentTitle.Clean("Annual-Report", "/uploads/annual-report.pdf"));

    [Fact]
    public void A_title_is_cleaned_of_control_characters_and_cut_to_its_maximum_length()
    {
        var title = DocumentTitle.Clean("Line\u0000one\r\nline two " + new string('x', 1000), "/a.pdf");

        Assert.NotNull(title);
        Assert.StartsWith("Lineone line two xxx", title, StringComparison.Ordinal);
        Assert.Equal(DocumentTitle.MaxLength, title.Length);
    }

    private static async Task<string?> TitleInProcessAsync(string path)
    {
        using var document = await ExtractorFactory.Create().OpenAsync(path, DocumentKind.Pdf, Token);
        return document.Title;
    }

    private static async Task<string?> TitleInExtractorProcessAsync(string path)
    {
        using var extractor = IsolatedExtraction.Create();
        using var document = await extractor.OpenAsync(path, DocumentKind.Pdf, Token);
        return document.Title;
    }
}
