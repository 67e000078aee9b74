using RagPlatform.Api.Tests.Support;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Api.Tests.Search;

/// <summary>Ranking by pages on a generated manual "R-intro.pdf": page 1 a table of contents, page 2
/// the content (long enough for several chunks), page 3 a back-of-book index. All three hold the
/// words of the question; the content page must come first.</summary>
public sealed class PageRankingTests(PageRankingTests.IngestedManual manual) : IClassFixture<PageRankingTests.IngestedManual>
{
    public sealed class IngestedManual : IAsyncLifetime
    {
        public PlatformFactory Factory { get; } = new();

        public PlatformClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = new PlatformClient(Factory.CreateClient());
            await Client.IngestAsync(Manual(), "R-intro.pdf");
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private PlatformClient Client => manual.Client;

    [Fact]
    public async Task The_content_page_ranks_above_the_table_of_contents_and_the_index()
    {
        var result = await Client.SearchTextAsync("writing your own functions", "&mode=lexical");

        Assert.Equal(2, result.Hits[0].Page);
        Assert.Contains(result.Hits, h => h.Page == 1);
        Assert.Contains(result.Hits, h => h.Page == 3);
    }

    [Fact]
    public async Task Stems_find_the_page_that_words_it_differently()
    {
        var result = await Client.SearchTextAsync("write function arguments", "&mode=lexical");

        Assert.Equal(2, result.Hits[0].Page);
    }

    [Fact]
    public async Task Chunks_of_one_page_collapse_into_one_hit_unless_asked_for_all()
    {
        var collapsed = await Client.SearchTextAsync("function", "&mode=lexical&modality=text");
        var all = await Client.SearchTextAsync("function", "&mode=lexical&modality=text&collapse=false");

        Assert.Equal(collapsed.Hits.Count, collapsed.Hits.Select(h => h.Page).Distinct().Count());
        var content = Assert.Single(collapsed.Hits, h => h.Page == 2);
        Assert.True(content.MoreOnPage > 0);
        Assert.Equal(content.MoreOnPage + 1, all.Hits.Count(h => h.Page == 2));
        Assert.All(all.Hits, h => Assert.Equal(0, h.MoreOnPage));
    }

    [Fact]
    public async Task Lexical_search_for_pages_finds_whole_pages_by_their_text()
    {
        var result = await Client.SearchTextAsync("writing your own functions", "&mode=lexical&modality=page");

        Assert.NotEmpty(result.Hits);
        Assert.All(result.Hits, h => Assert.Equal("Page", h.Modality.ToString()));
        Assert.Equal(2, result.Hits[0].Page);
    }

    [Fact]
    public async Task The_file_name_finds_the_document()
    {
        var result = await Client.SearchTextAsync("R intro", "&mode=lexical");

        Assert.Equal("R-intro.pdf", Assert.Single(result.Hits).DocumentName);
        Assert.Equal(1, result.Hits[0].Page);
    }

    private static byte[] Manual()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        AddLines(builder, font,
            "Contents",
            "1 Starting a session .......... 1",
            "2 Writing your own functions .......... 2",
            "3 Graphics procedures .......... 9",
            "4 Statistical models .......... 14",
            "5 Packages .......... 20");
        AddLines(builder, font, [.. Enumerable.Range(1, 6).SelectMany(n => (string[])[
            "Writing your own functions lets you extend the language with new commands.",
            $"A function takes arguments and returns the value of its last expression {n}.",
            "Arguments may have default values, and the body is written between braces.",
            "Functions are objects like any other and may be passed to other functions."])]);
        AddLines(builder, font,
            "Index",
            "arguments, 2",
            "braces, 2",
            "functions, writing your own, 2",
            "graphics, 9",
            "packages, 20");
        return builder.Build();
    }

    private static void AddLines(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont font, params string[] lines)
    {
        var page = builder.AddPage(PageSize.A4);
        for (var i = 0; i < lines.Length; i++)
        {
            page.AddText(lines[i], 11, new PdfPoint(50, 790 - (i * 16)), font);
        }
    }
}
