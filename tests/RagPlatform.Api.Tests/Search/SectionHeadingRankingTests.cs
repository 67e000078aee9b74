using RagPlatform.Api.Search;
using RagPlatform.Api.Tests.Support;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Api.Tests.Search;

/// <summary>A generated FAQ: page 1 uses the question's words in a short passage, page 2 starts the
/// section whose heading (set larger) asks the question, above a longer answer. The heading field puts
/// page 2 first; the same index searched with <c>Search:HeadingWeight</c> 0 shows that the words alone
/// (BM25 favours the shorter passage) put page 1 first.</summary>
public sealed class SectionHeadingRankingTests(SectionHeadingRankingTests.IngestedFaq faq) : IClassFixture<SectionHeadingRankingTests.IngestedFaq>
{
    public const string Question = "why do lattice graphics not work";

    public sealed class IngestedFaq : IAsyncLifetime
    {
        public PlatformFactory Factory { get; } = new(withModel: false);

        public PlatformClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = new PlatformClient(Factory.CreateClient());
            await Client.IngestAsync(Faq(), "faq.pdf");
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    [Fact]
    public async Task The_page_whose_section_heading_asks_the_question_ranks_first()
    {
        var result = await faq.Client.SearchTextAsync(Question, "&mode=lexical&collapse=false");

        Assert.True(result.Hits[0].Page == 2, Describe(result));
    }

    [Fact]
    public async Task Without_the_heading_field_the_page_that_repeats_the_words_ranks_first()
    {
        await using var unweighted = new PlatformFactory(withModel: false, dataDirectory: faq.Factory.DataDirectory, workers: 0, settings: new Dictionary<string, string> { ["Search:HeadingWeight"] = "0" });
        var client = new PlatformClient(unweighted.CreateClient());

        var result = await client.SearchTextAsync(Question, "&mode=lexical&collapse=false");

        Assert.True(result.Hits[0].Page == 1, Describe(result));
    }

    private static string Describe(SearchResponseDto result) =>
        string.Join("\n", result.Hits.Select(h => $"p.{h.Page} lexical {h.Score.Lexical} rank {h.Score.LexicalRank}: {h.Snippet}"));

    private static byte[] Faq()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var first = builder.AddPage(PageSize.A4);
        string[] mentions =
        [
            "Lattice graphics draw conditioned plots of several panels.",
            "They work with formulas and do not use the base plot functions.",
            "Why they look different: they choose their own theme.",
        ];
        for (var i = 0; i < mentions.Length; i++)
        {
            first.AddText(mentions[i], 11, new PdfPoint(50, 790 - (i * 16)), font);
        }

        var second = builder.AddPage(PageSize.A4);
        second.AddText("7.22 Why do lattice graphics not work?", 16, new PdfPoint(50, 790), bold);
        string[] answer =
        [
            "Most likely you forgot to print the plot: functions such as xyplot()",
            "return an object, and in a script or with source() you call print()",
            "on it.",
        ];
        for (var i = 0; i < answer.Length; i++)
        {
            second.AddText(answer[i], 11, new PdfPoint(50, 760 - (i * 16)), font);
        }

        // Pages on other subjects, so that the question's words are rare in the collection (BM25's
        // inverse document frequency is near zero when every passage holds a word).
        foreach (var topic in new[] { "packages", "workspace", "factors", "printing", "encodings", "regressions" })
        {
            var filler = builder.AddPage(PageSize.A4);
            filler.AddText($"Notes on {topic}: how to install, save and convert them.", 11, new PdfPoint(50, 790), font);
            filler.AddText($"The {topic} chapter lists the options and their defaults.", 11, new PdfPoint(50, 774), font);
        }

        return builder.Build();
    }
}
