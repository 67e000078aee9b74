using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Postgres;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Infrastructure.Tests.Postgres;

public sealed class PostgresLexicalIndexTests(PostgresServer server) : LexicalIndexScenarios, IAsyncLifetime
{
    private TestDatabase? _database;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync(Token);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override ILexicalIndex OpenIndex() => new PostgresLexicalIndex(_database!.OpenDataSource());

    public static TheoryData<string> TsqueryOperators =>
    [
        "a & b | !c:* <-> ' \" (", "solar & panel", "solar | panel", "!solar", "solar:*", "solar:A", "solar <-> panel",
        "solar <2> panel", "'solar'", "''", "\\'", "(solar | roof) & !river", "solar:* & !(panel)", "websearch_to_tsquery",
        "\"solar\" or -panel", "solar\0panel", "$$", "@@", "::regconfig", "to_tsquery('x')",
    ];

    [Theory]
    [MemberData(nameof(TsqueryOperators))]
    public async Task Tsquery_operators_in_user_text_are_words_or_nothing_never_syntax(string query)
    {
        var index = OpenIndex();
        var solar = Entry("solar panel on the roof");
        await index.IndexAsync([solar, Entry("near the river, and not far")], Token);

        var hits = await index.SearchAsync(query, 10, SearchFilter.None, Token);
        var pages = await index.SearchPagesAsync(query, 10, SearchFilter.None, Token);

        Assert.Equal(query.Contains("solar", StringComparison.Ordinal), hits.Any(hit => hit.ItemId == solar.ItemId));
        Assert.Empty(pages);
    }

    [Theory]
    [InlineData("東京")]
    [InlineData("タワー")]
    [InlineData("写真")]
    public async Task A_word_inside_unspaced_Japanese_text_is_found_and_marked_whole(string query)
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

        Assert.Equal(adjacent.ItemId, Assert.Single(await index.SearchAsync("太阳能", 10, SearchFilter.None, Token)).ItemId);
    }

    [Fact]
    public async Task Ligatures_decomposed_accents_and_punctuation_inside_text_do_not_hide_words()
    {
        var index = OpenIndex();
        var entry = Entry("The ﬁnancial caf\u0065\u0301 report—solar«panel»");
        await index.IndexAsync([entry], Token);

        Assert.Single(await index.SearchAsync("financial", 10, SearchFilter.None, Token));
        Assert.Single(await index.SearchAsync("cafe", 10, SearchFilter.None, Token));
        Assert.Single(await index.SearchAsync("panel", 10, SearchFilter.None, Token));
    }

    [Fact]
    public async Task Hindi_words_with_vowel_signs_are_matched_whole()
    {
        var index = OpenIndex();
        var entry = Entry("यह हिंदी में लिखा गया पाठ है");
        await index.IndexAsync([entry, Entry("हिंसा")], Token);

        Assert.Equal(entry.ItemId, Assert.Single(await index.SearchAsync("हिंदी", 10, SearchFilter.None, Token)).ItemId);
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
        Assert.Contains("«Writing»", hits[0].Snippet, StringComparison.Ordinal);
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
        Assert.True(pageHit.Score > 0);
        Assert.Contains("«solar»", pageHit.Snippet, StringComparison.Ordinal);
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

    [Fact]
    public async Task The_collection_filter_keeps_hits_of_documents_in_that_collection()
    {
        var dataSource = _database!.OpenDataSource();
        var store = new PostgresDocumentStore(dataSource);
        var manual = await store.AddAsync(Samples.Document(collection: "manuals"), Token);
        var memo = await store.AddAsync(Samples.Document(collection: "memos"), Token);
        var index = new PostgresLexicalIndex(dataSource);
        var inManual = Entry("boiler pressure valve", manual.Id);
        await index.IndexAsync([inManual, Entry("boiler room key", memo.Id), new LexicalEntry(Guid.NewGuid(), memo.Id, Modality.Page, "boiler")], Token);

        Assert.Equal([inManual.ItemId], (await index.SearchAsync("boiler", 10, SearchFilter.In("manuals"), Token)).Select(h => h.ItemId));
        Assert.Empty(await index.SearchPagesAsync("boiler", 10, SearchFilter.In("manuals"), Token));
        Assert.Single(await index.SearchPagesAsync("boiler", 10, SearchFilter.In("memos"), Token));
    }

    [Fact]
    public async Task Entries_of_a_document_whose_deletion_began_are_not_indexed()
    {
        var dataSource = _database!.OpenDataSource();
        var store = new PostgresDocumentStore(dataSource);
        var document = await store.AddAsync(Samples.Document(), Token);
        await store.BeginDeletionAsync(document.Id, Token);
        var index = new PostgresLexicalIndex(dataSource);

        await index.IndexAsync([Entry("late chunk", document.Id), new LexicalEntry(Guid.NewGuid(), document.Id, Modality.Page, "late page")], Token);

        Assert.Empty(await index.SearchAsync("late", 10, SearchFilter.None, Token));
        Assert.Empty(await index.SearchPagesAsync("late", 10, SearchFilter.None, Token));
    }

    [Theory]
    [InlineData("solar panel", new[] { "solar", "panel" }, new[] { true, true })]
    [InlineData("  \"solar\" NEAR(panel) -x:y* ", new[] { "solar", "NEAR", "panel", "x", "y" }, new[] { false, true, true, true, true })]
    [InlineData("Solar solar SOLAR", new[] { "Solar" }, new[] { true })]
    [InlineData("iPhone用ケース", new[] { "iPhone", "用 ケ ー ス" }, new[] { true, true })]
    [InlineData("“write (a) function” now", new[] { "write a function", "now" }, new[] { false, true })]
    [InlineData("a & b | !c:* <-> ' \" (", new[] { "a", "b", "c" }, new[] { true, true, true })]
    public void User_text_becomes_terms_of_letters_digits_and_spaces_only(string query, string[] terms, bool[] stemmable)
    {
        var parsed = LexicalText.ToQuery(query)!;

        Assert.Equal(terms, parsed.Terms);
        Assert.Equal(stemmable, parsed.Stemmable);
    }

    [Fact]
    public void User_text_without_words_is_no_query()
    {
        Assert.Null(LexicalText.ToQuery("*** ::: --- «» \0"));
    }
}
