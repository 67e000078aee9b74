using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class PdfDamagedInputTests
{
    private static readonly string[] Sentences = ["First page about apples.", "Second page about bananas.", "Third page about cherries."];
    private static readonly byte[] Intact = SamplePdfs.Sentences(Sentences);

    [Fact]
    public async Task A_cross_reference_table_with_wrong_offsets_is_recovered()
    {
        foreach (var shift in new[] { 37, -5 })
        {
            var pages = await ExtractorFactory.ExtractAllAsync(PdfDamage.ShiftXrefOffsets(Intact, shift));

            Assert.Equal(Sentences, pages.Select(ExtractorFactory.Text));
        }
    }

    [Theory]
    [InlineData("xref")]
    [InlineData("trailer")]
    [InlineData("startxref")]
    public async Task A_file_cut_off_after_its_objects_is_recovered(string cutBefore)
    {
        // Every object is still there; the cross-reference table or the trailer naming the catalog is not.
        var cut = Encoding.Latin1.GetString(Intact).LastIndexOf(cutBefore, StringComparison.Ordinal);

        var pages = await ExtractorFactory.ExtractAllAsync(PdfDamage.Truncate(Intact, cut));

        Assert.Equal(Sentences, pages.Select(ExtractorFactory.Text));
        Assert.All(pages, page => Assert.Equal((1240, 1754), (page.Render.PixelWidth, page.Render.PixelHeight)));
        Assert.All(pages, page => Assert.True(RenderInk.DarkFraction(page.Render) > 0, "the render is drawn, not blank"));
    }

    [Fact]
    public async Task A_file_cut_off_before_its_page_tree_is_rejected_as_damaged()
    {
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(
            () => ExtractorFactory.ExtractAllAsync(PdfDamage.Truncate(Intact, Intact.Length / 2)));

        Assert.Equal("The PDF is damaged and cannot be read.", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Bytes_flipped_in_one_page_damage_that_page_only(int seed)
    {
        var pages = await ExtractorFactory.ExtractAllAsync(PdfDamage.FlipBytesInStream(Intact, streamIndex: 1, count: 4, seed));

        Assert.Equal(3, pages.Count);
        Assert.Equal(Sentences[0], ExtractorFactory.Text(pages[0]));
        Assert.Equal(Sentences[2], ExtractorFactory.Text(pages[2]));
        Assert.NotEqual(Sentences[1], ExtractorFactory.Text(pages[1]));
        Assert.Equal((1240, 1754), (pages[1].Render.PixelWidth, pages[1].Render.PixelHeight));
    }

    [Fact]
    public async Task Garbage_after_the_end_of_file_marker_is_ignored()
    {
        var pages = await ExtractorFactory.ExtractAllAsync(PdfDamage.AppendGarbage(Intact, 10_000, seed: 7));

        Assert.Equal(Sentences, pages.Select(ExtractorFactory.Text));
    }

    [Fact]
    public async Task An_empty_file_is_rejected()
    {
        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractorFactory.ExtractAllAsync([]));

        Assert.Equal("The file is empty.", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_no_pdf_is_rejected()
    {
        var png = TestImages.TwoTone(64, 64, SKEncodedImageFormat.Png);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractorFactory.ExtractAllAsync(png));

        Assert.Equal("The file is not a PDF: it has no PDF header.", error.Message);
    }

    [Fact]
    public async Task A_pdf_header_followed_by_junk_is_rejected_as_damaged()
    {
        var junk = Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not really a PDF at all\n");

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractorFactory.ExtractAllAsync(junk));

        Assert.Equal("The PDF is damaged and cannot be read.", error.Message);
    }

    [Fact]
    public async Task A_pdf_without_pages_is_rejected()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [] /Count 0 >>");

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractorFactory.ExtractAllAsync(pdf.ToBytes()));

        Assert.Equal("The PDF has no pages.", error.Message);
    }

    [Fact]
    public async Task A_password_protected_pdf_is_rejected_saying_so()
    {
        var encrypted = await Qpdf.EncryptAsync(Intact, userPassword: "secret", ownerPassword: "owner");

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractorFactory.ExtractAllAsync(encrypted));

        Assert.StartsWith("The PDF is password-protected.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_encrypted_only_against_editing_opens_like_any_other()
    {
        // An empty user password: viewers open it without asking, and so do we.
        var encrypted = await Qpdf.EncryptAsync(Intact, userPassword: string.Empty, ownerPassword: "owner");

        var pages = await ExtractorFactory.ExtractAllAsync(encrypted);

        Assert.Equal(Sentences, pages.Select(ExtractorFactory.Text));
    }

    [Fact]
    public async Task Documents_other_than_pdf_are_refused_as_a_programming_error()
    {
        using var file = new TempPdf(Intact);

        await Assert.ThrowsAsync<ArgumentException>(
            () => ExtractorFactory.Create().OpenAsync(file.Path, DocumentKind.Image, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Page_numbers_outside_the_document_are_refused()
    {
        using var file = new TempPdf(Intact);
        using var document = await ExtractorFactory.Create().OpenAsync(file.Path, DocumentKind.Pdf, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => document.ExtractPageAsync(0, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => document.ExtractPageAsync(4, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_page_is_extracted_again_the_same_way()
    {
        using var file = new TempPdf(Intact);
        using var document = await ExtractorFactory.Create().OpenAsync(file.Path, DocumentKind.Pdf, TestContext.Current.CancellationToken);

        var first = await document.ExtractPageAsync(2, TestContext.Current.CancellationToken);
        var again = await document.ExtractPageAsync(2, TestContext.Current.CancellationToken);

        Assert.Equal(first.Words, again.Words);
        Assert.Equal(first.Render.Data.ToArray(), again.Render.Data.ToArray());
    }

    [Fact]
    public async Task A_cancelled_extraction_stops_with_operation_cancelled()
    {
        using var file = new TempPdf(Intact);
        using var document = await ExtractorFactory.Create().OpenAsync(file.Path, DocumentKind.Pdf, TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => document.ExtractPageAsync(1, new CancellationToken(canceled: true)));
        Assert.Equal(Sentences[0], ExtractorFactory.Text(await document.ExtractPageAsync(1, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public void The_password_message_tells_the_user_what_to_do()
    {
        Assert.Contains("Remove the password", PdfDocumentExtractor.PasswordProtectedMessage, StringComparison.Ordinal);
    }
}
