using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Extraction.Flow;
using RagPlatform.Infrastructure.Tests.Extraction.Isolation;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Text, Markdown, HTML, DOCX and PPTX become pages with words, boxes, images and a render.</summary>
public sealed class FlowDocumentExtractionTests
{
    [Fact]
    public async Task Plain_text_is_cut_into_pages_of_bounded_size_without_splitting_a_paragraph()
    {
        var paragraphs = Enumerable.Range(1, 20).Select(n => $"Paragraph{n} " + string.Join(' ', Enumerable.Repeat("mooring", 60))).ToList();

        var pages = await ExtractAsync(string.Join("\n\n", paragraphs), DocumentKind.PlainText);

        Assert.True(pages.Count >= 4, $"{pages.Count} pages");
        Assert.All(pages, page => Assert.True(page.Words.Sum(w => w.Text.Length + 1) <= FlowPaginator.MaxPageCharacters + 1));
        Assert.All(pages, page => Assert.StartsWith("Paragraph", page.Words[0].Text, StringComparison.Ordinal));
        Assert.Equal(20, pages.Sum(p => p.Words.Count(w => w.Text.StartsWith("Paragraph", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Markdown_headings_start_pages_and_stay_with_their_section()
    {
        var section = string.Join(' ', Enumerable.Repeat("berth", 300));
        var markdown = $"# Harbour guide\n\n{section}\n\n## Winter berths\n\n{section}\n\n## Fuel dock\n\nDiesel **only**, see [the map](map.png).";

        var pages = await ExtractAsync(markdown, DocumentKind.Markdown);

        Assert.Equal(3, pages.Count);
        Assert.Equal(["Harbour", "Winter", "Fuel"], pages.Select(p => p.Words[0].Text));
        Assert.Contains(pages[2].Words, w => w.Text == "map.");
        Assert.DoesNotContain(pages.SelectMany(p => p.Words), w => w.Text.Contains('#', StringComparison.Ordinal) || w.Text.Contains("**", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Words_have_boxes_on_a_rendered_page_and_a_heading_is_taller_than_body_text()
    {
        var pages = await ExtractAsync("# Tide tables\n\nHigh water at noon.", DocumentKind.Markdown);

        var page = Assert.Single(pages);
        Assert.Equal("image/png", page.Render.MediaType);
        Assert.Equal((int)page.Width, page.Render.PixelWidth);
        Assert.All(page.Words, w => Assert.True(w.Box.Width > 0 && w.Box.Right <= 1 && w.Box.Bottom <= 1));
        Assert.True(page.Words[0].Box.Height > page.Words[^1].Box.Height);
        Assert.True(page.Words[0].Box.Y < page.Words[^1].Box.Y);
    }

    [Fact]
    public async Task Html_keeps_its_title_first_and_drops_scripts_styles_and_navigation()
    {
        const string html = """
            <!DOCTYPE html><html><head><title>Marina handbook</title><style>p { color: red }</style></head>
            <body><nav>Home About</nav><script>var tracking = 1;</script>
            <h1>Marina handbook</h1><h2>Showers</h2><p>Tokens from the <b>harbour master</b>.</p>
            <table><tr><th>Berth</th><th>Fee</th></tr><tr><td>Pontoon A</td><td>42 crowns</td></tr></table>
            <footer>Copyright</footer></body></html>
            """;

        var page = Assert.Single(await ExtractAsync(html, DocumentKind.Html));

        var text = string.Join(' ', page.Words.Select(w => w.Text));
        Assert.StartsWith("Marina handbook Showers Tokens from the harbour master.", text, StringComparison.Ordinal);
        Assert.Contains("Pontoon A | 42 crowns", text, StringComparison.Ordinal);
        foreach (var boilerplate in new[] { "tracking", "color", "Home", "Copyright" })
        {
            Assert.DoesNotContain(boilerplate, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_docx_keeps_headings_table_rows_and_pictures_and_breaks_pages_where_the_author_did()
    {
        var pages = await ExtractAsync(OfficeSamples.Docx("Mooring fees rise in May.", "Boats leave by October."), DocumentKind.WordDocument);

        Assert.Equal(2, pages.Count);
        var first = string.Join(' ', pages[0].Words.Select(w => w.Text));
        Assert.StartsWith("Harbour rules Mooring fees rise in May.", first, StringComparison.Ordinal);
        Assert.Contains("Pontoon A | 42 crowns", first, StringComparison.Ordinal);
        var picture = Assert.Single(pages[0].Images);
        Assert.Equal(("image/png", 200, 120), (picture.Image.MediaType, picture.Image.PixelWidth, picture.Image.PixelHeight));
        Assert.True(pages[0].Words[0].Box.Height > pages[0].Words[^1].Box.Height, "the heading is drawn larger");
        Assert.StartsWith("Winter berths Boats leave by October.", string.Join(' ', pages[1].Words.Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pptx_has_one_page_per_slide_with_the_title_first_the_notes_included_and_its_pictures()
    {
        var pptx = OfficeSamples.Pptx(("Quarterly moorings", "Occupancy rose to 91 percent.", "Mention the waiting list."), ("Fuel prices", "Diesel costs more.", "Say why."));

        var pages = await ExtractAsync(pptx, DocumentKind.Presentation);

        Assert.Equal(2, pages.Count);
        Assert.Equal("Quarterly moorings Occupancy rose to 91 percent. Notes Mention the waiting list.", string.Join(' ', pages[0].Words.Select(w => w.Text)));
        Assert.StartsWith("Fuel prices", string.Join(' ', pages[1].Words.Select(w => w.Text)), StringComparison.Ordinal);
        Assert.Empty(pages[0].Images);
        Assert.Single(pages[1].Images);
    }

    [Fact]
    public async Task A_damaged_docx_is_rejected_with_a_reason()
    {
        var docx = OfficeSamples.Docx("Mooring fees.", "Winter.");

        var truncated = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractAsync(docx[..(docx.Length / 2)], DocumentKind.WordDocument));
        var broken = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractAsync(OfficeSamples.WithBrokenPart(docx, "word/document.xml"), DocumentKind.WordDocument));

        Assert.Contains("DOCX", truncated.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_bomb_docx_is_rejected_from_its_declared_sizes_before_anything_is_unpacked()
    {
        var bomb = OfficeSamples.WithZipBomb(OfficeSamples.Docx("Mooring fees.", "Winter."), megabytes: 64);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => ExtractAsync(bomb, DocumentKind.WordDocument, new ExtractionOptions { MaxUnpackedMegabytes = 32 }));

        Assert.Contains("Extraction:MaxUnpackedMegabytes", error.Message, StringComparison.Ordinal);
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");
    }

    [Fact]
    public async Task Office_documents_read_in_an_extractor_process_equal_those_read_in_process()
    {
        var pptx = OfficeSamples.Pptx(("Quarterly moorings", "Occupancy rose.", "Notes."), ("Fuel prices", "Diesel.", "Why."));
        foreach (var (bytes, kind) in new[] { (OfficeSamples.Docx("Mooring fees.", "Winter."), DocumentKind.WordDocument), (pptx, DocumentKind.Presentation) })
        {
            using var file = new TempPdf(bytes);
            var isolated = await IsolatedExtraction.ExtractAllAsync(file.Path, kind);
            var inProcess = await InProcessExtraction.ExtractAllAsync(file.Path, new ExtractionOptions(), kind);

            Assert.Equal(inProcess.Select(p => (p.Words.Count, p.Images.Count, p.Render.Data.Length)), isolated.Select(p => (p.Words.Count, p.Images.Count, p.Render.Data.Length)));
            Assert.Equal(inProcess.SelectMany(p => p.Words), isolated.SelectMany(p => p.Words));
        }
    }

    [Fact]
    public async Task Generated_docx_and_pptx_are_recognised_from_their_bytes_even_when_renamed()
    {
        var docx = OfficeSamples.Docx("Mooring fees.", "Winter.");
        var pptx = OfficeSamples.Pptx(("Occupancy", "Full.", "Notes."));

        Assert.Equal(DocumentKind.WordDocument, (await MediaTypeSniffer.DetectAsync(new MemoryStream(docx), "slides.pptx", TestContext.Current.CancellationToken))?.Kind);
        Assert.Equal(DocumentKind.Presentation, (await MediaTypeSniffer.DetectAsync(new MemoryStream(pptx), "notes.txt", TestContext.Current.CancellationToken))?.Kind);
    }

    private static Task<IReadOnlyList<ExtractedPage>> ExtractAsync(string text, DocumentKind kind) =>
        ExtractAsync(Encoding.UTF8.GetBytes(text), kind);

    private static async Task<IReadOnlyList<ExtractedPage>> ExtractAsync(byte[] bytes, DocumentKind kind, ExtractionOptions? options = null)
    {
        using var file = new TempPdf(bytes);
        return await InProcessExtraction.ExtractAllAsync(file.Path, options ?? new ExtractionOptions(), kind);
    }
}
