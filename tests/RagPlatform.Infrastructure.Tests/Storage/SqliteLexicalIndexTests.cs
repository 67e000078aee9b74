using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class SqliteLexicalIndexTests : LexicalIndexScenarios, IDisposable
{
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected override ILexicalIndex OpenIndex() => new SqliteLexicalIndex(_storage.OpenDatabase());

    public void Dispose() => _storage.Dispose();

    [Theory]
    [InlineData("東京")]
    [InlineData("タワー")]
    [InlineData("写真")]
    public async Task A_word_inside_unspaced_Japanese_text_is_found(string query)
    {
        var index = OpenIndex();
        var entry = Entry("東京タワーの写真を撮りました");
        await index.IndexAsync([entry, Entry("京都の寺")], Token);

        var hit = Assert.Single(await index.SearchAsync(query, 10, SearchFilter.None, Token));

        Assert.Equal(entry.ItemId, hit.ItemId);
        Assert.Contains($"«{query}»", hit.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain('\u200B', hit.Snippet);
    }

    [Fact]
    public async Task Chinese_characters_must_be_adjacent_to_match_a_multi_character_query()
    {
        var index = OpenIndex();
        var adjacent = Entry("我们讨论了太阳能电池板");
        await index.IndexAsync([adjacent, Entry("太阳很热，能源很贵")], Token);

        var hits = await index.SearchAsync("太阳能", 10, SearchFilter.None, Token);

        Assert.Equal(adjacent.ItemId, Assert.Single(hits).ItemId);
    }

    [Fact]
    public async Task Ligatures_and_decomposed_accents_from_PDFs_match_plain_queries()
    {
        var index = OpenIndex();
        var entry = Entry("The ﬁnancial caf\u0065\u0301 report");
        await index.IndexAsync([entry], Token);

        Assert.Single(await index.SearchAsync("financial", 10, SearchFilter.None, Token));
        Assert.Single(await index.SearchAsync("cafe", 10, SearchFilter.None, Token));
    }

    [Fact]
    public async Task Hindi_words_with_vowel_signs_are_matched_whole()
    {
        var index = OpenIndex();
        var entry = Entry("यह हिंदी में लिखा गया पाठ है");
        await index.IndexAsync([entry, Entry("हिंसा")], Token);

        Assert.Equal(entry.ItemId, Assert.Single(await index.SearchAsync("हिंदी", 10, SearchFilter.None, Token)).ItemId);
    }

    [Theory]
    [InlineData("solar panel", "\"solar\" OR \"panel\"", "\"solar\" OR \"panel\"")]
    [InlineData("  \"solar\" NEAR(panel) -x:y* ", "\"solar\" OR \"NEAR\" OR \"panel\" OR \"x\" OR \"y\"", "\"NEAR\" OR \"panel\" OR \"x\" OR \"y\"")]
    [InlineData("Solar solar SOLAR", "\"Solar\"", "\"Solar\"")]
    [InlineData("iPhone用ケース", "\"iPhone\" OR \"用 ケ ー ス\"", "\"iPhone\" OR \"用 ケ ー ス\"")]
    [InlineData("“write (a) function” now", "\"write a function\" OR \"now\"", "\"now\"")]
    [InlineData("\"unclosed phrase", "\"unclosed phrase\"", null)]
    [InlineData("*** ::: ---", null, null)]
    public void User_text_becomes_quoted_terms_joined_by_or(string query, string? exact, string? stemmed)
    {
        var parsed = Fts5Text.ToQuery(query);

        Assert.Equal(exact, parsed?.Exact);
        Assert.Equal(stemmed, parsed?.Stemmed);
    }

    [Fact]
    public async Task Unquoted_words_find_their_stems_and_exact_words_rank_first()
    {
        var index = OpenIndex();
        var stemOnly = Entry("Writing your own functions");
        var exact = Entry("How to write a function");
        await index.IndexAsync([stemOnly, exact, Entry("Reading data files")], Token);

        var hits = await index.SearchAsync("write function", 10, SearchFilter.None, Token);

        Assert.Equal([exact.ItemId, stemOnly.ItemId], hits.Select(h => h.ItemId));
        Assert.Contains("«Writing»", hits[1].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quoted_phrase_matches_only_as_written()
    {
        var index = OpenIndex();
        var written = Entry("Writing your own functions is easy");
        await index.IndexAsync([written, Entry("You write functions of your own")], Token);

        var hits = await index.SearchAsync("\"writing your own functions\"", 10, SearchFilter.None, Token);

        Assert.Equal(written.ItemId, Assert.Single(hits).ItemId);
        Assert.Empty(await index.SearchAsync("\"write your own function\"", 10, SearchFilter.None, Token));
    }

    [Fact]
    public async Task A_document_is_found_by_the_words_of_its_file_name()
    {
        var index = OpenIndex();
        var named = Entry("An Introduction to the language") with { Fields = "R intro" };
        await index.IndexAsync([named, Entry("Introductory remarks about statistics")], Token);

        Assert.Equal(named.ItemId, (await index.SearchAsync("R intro", 10, SearchFilter.None, Token))[0].ItemId);
    }

    [Fact]
    public async Task Whole_pages_are_searched_apart_from_their_chunks()
    {
        var index = OpenIndex();
        var documentId = Guid.NewGuid();
        var page = new LexicalEntry(Guid.NewGuid(), documentId, Modality.Page, "solar panels convert light into power") { Page = 3 };
        await index.IndexAsync([page, Entry("solar wind")], Token);

        var pageHit = Assert.Single(await index.SearchPagesAsync("solar power", 10, SearchFilter.None, Token));
        Assert.Equal((page.ItemId, documentId, 3), (pageHit.ItemId, pageHit.DocumentId, pageHit.Page));
        Assert.DoesNotContain(await index.SearchAsync("solar power", 10, SearchFilter.None, Token), h => h.ItemId == page.ItemId);

        await index.DeleteDocumentAsync(documentId, Token);
        Assert.Empty(await index.SearchPagesAsync("solar", 10, SearchFilter.None, Token));
    }

    [Fact]
    public async Task A_passage_reports_how_well_its_headings_match_by_stems_and_loses_them_when_replaced()
    {
        var index = OpenIndex();
        var section = Entry("10 Writing your own functions As we have seen") with { Headings = "10 Writing your own functions" };
        var mention = Entry("a function you write once");
        await index.IndexAsync([section, mention], Token);

        var hits = await index.SearchAsync("write function", 10, SearchFilter.None, Token);

        Assert.True(hits.Single(h => h.ItemId == section.ItemId).HeadingScore > 0);
        Assert.Equal(0, hits.Single(h => h.ItemId == mention.ItemId).HeadingScore);
        Assert.All(await index.SearchAsync("\"your own\"", 10, SearchFilter.None, Token), h => Assert.Equal(0, h.HeadingScore));

        await index.IndexAsync([section with { Headings = string.Empty }], Token);
        Assert.All(await index.SearchAsync("write function", 10, SearchFilter.None, Token), h => Assert.Equal(0, h.HeadingScore));
    }
}
