using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>What every <see cref="ILexicalIndex"/> must do with any user text and with the words of any
/// script (the engines share these rules: <see cref="LexicalRunes"/>, <see cref="LexicalQueryTerms"/>).</summary>
public abstract class LexicalTextScenarios
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>An index over this test's own, initially empty data; each call opens a new instance
    /// over the same data (as after a restart).</summary>
    protected abstract ILexicalIndex OpenIndex();

    /// <summary>The query syntax of every engine (FTS5, tsquery) and text that breaks parsers.</summary>
    public static TheoryData<string> HostileQueries =>
    [
        "\"", "\"\"", "\"solar", "solar\"", "*", "solar*", "^solar", "NEAR", "NEAR(solar panel)", "NEAR(solar panel, 2)",
        "-solar", "solar -panel", "text:solar", "{text}:solar", "text : solar", "solar AND", "AND", "OR", "NOT",
        "solar NOT panel", "(", ")", "(solar", "solar)", "+", "solar + panel", "'; DROP TABLE lexical_entries; --",
        ":", "::", "\\", "\0", "\ud800", "solar\ud800panel", "«»", "…", "   ", "", "!@#$%^&*()_+-=[]{}|;':\",./<>?",
        "a & b | !c:* <-> ' \" (", "solar & panel", "solar | panel", "!solar", "solar:*", "solar:A", "solar <-> panel",
        "solar <2> panel", "'solar'", "''", "\\'", "(solar | roof) & !river", "solar:* & !(panel)", "websearch_to_tsquery",
        "\"solar\" or -panel", "solar\0panel", "$$", "@@", "::regconfig", "to_tsquery('x')",
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Any_user_text_is_a_valid_query(string query)
    {
        var index = OpenIndex();
        var solar = Entry("solar panel on the roof");
        await index.IndexAsync([solar, Entry("near the river, and not far")], Token);

        var hits = await index.SearchAsync(query, 10, SearchFilter.None, Token);
        var pages = await index.SearchPagesAsync(query, 10, SearchFilter.None, Token);

        var containsSolar = query.Contains("solar", StringComparison.Ordinal);
        Assert.Equal(containsSolar, hits.Any(hit => hit.ItemId == solar.ItemId));
        Assert.Empty(pages);
    }

    [Theory]
    [InlineData("resume", "Her résumé lists three languages.")]
    [InlineData("résumé", "Send your resume by Friday.")]
    [InlineData("Zurich", "Offices in Zürich and Genève.")]
    [InlineData("GENEVE", "Offices in Zürich and Genève.")]
    public async Task Diacritics_and_case_do_not_matter(string query, string text)
    {
        var index = OpenIndex();
        var entry = Entry(text);
        await index.IndexAsync([entry], Token);

        var hits = await index.SearchAsync(query, 10, SearchFilter.None, Token);

        Assert.Equal(entry.ItemId, Assert.Single(hits).ItemId);
    }

    [Theory]
    [InlineData("password", "Reset your pass\u200Bword today.")]
    [InlineData("password", "Reset your pass\u200Cword today.")]
    [InlineData("password", "Reset your pass\u200Dword today.")]
    [InlineData("password", "Reset your pass\u2060word today.")]
    [InlineData("password", "Reset your pass\uFEFFword today.")]
    [InlineData("password", "Reset your pass\u00ADword today.")]
    [InlineData("pass\u00ADword", "Reset your password today.")]
    [InlineData("pass\u200Bword", "Reset your password today.")]
    public async Task Zero_width_characters_inside_a_word_do_not_stop_it_matching(string query, string text)
    {
        var index = OpenIndex();
        var entry = Entry(text);
        await index.IndexAsync([entry, Entry("A pass for the word of the day.")], Token);

        var hits = await index.SearchAsync(query, 10, SearchFilter.None, Token);

        Assert.Equal(entry.ItemId, hits[0].ItemId);
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

    protected static LexicalEntry Entry(string text, Guid? documentId = null, Modality modality = Modality.Text) =>
        new(Guid.NewGuid(), documentId ?? Guid.NewGuid(), modality, text);
}
