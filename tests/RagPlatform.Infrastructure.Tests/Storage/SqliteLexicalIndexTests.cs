using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Storage;

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
    [InlineData("solar panel", "\"solar\" OR \"panel\"")]
    [InlineData("  \"solar\" NEAR(panel) -x:y* ", "\"solar\" OR \"NEAR\" OR \"panel\" OR \"x\" OR \"y\"")]
    [InlineData("Solar solar SOLAR", "\"Solar\"")]
    [InlineData("iPhone用ケース", "\"iPhone\" OR \"用 ケ ー ス\"")]
    [InlineData("*** ::: ---", null)]
    public void User_text_becomes_quoted_terms_joined_by_or(string query, string? expected)
    {
        Assert.Equal(expected, Fts5Text.ToMatchExpression(query));
    }
}
