using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>What every <see cref="ILexicalIndex"/> must do.</summary>
public abstract class LexicalIndexScenarios
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>An index over this test's own, initially empty data; each call opens a new instance
    /// over the same data (as after a restart).</summary>
    protected abstract ILexicalIndex OpenIndex();

    public static TheoryData<string> HostileQueries =>
    [
        "\"", "\"\"", "\"solar", "solar\"", "*", "solar*", "^solar", "NEAR", "NEAR(solar panel)", "NEAR(solar panel, 2)",
        "-solar", "solar -panel", "text:solar", "{text}:solar", "text : solar", "solar AND", "AND", "OR", "NOT",
        "solar NOT panel", "(", ")", "(solar", "solar)", "+", "solar + panel", "'; DROP TABLE lexical_entries; --",
        ":", "::", "\\", "\0", "\ud800", "solar\ud800panel", "«»", "…", "   ", "", "!@#$%^&*()_+-=[]{}|;':\",./<>?",
    ];

    [Fact]
    public async Task A_word_finds_its_entry_with_the_match_marked_in_the_snippet()
    {
        var index = OpenIndex();
        var entry = Entry("Installed solar panels reduced the energy bill by a third.");
        await index.IndexAsync([entry, Entry("Wind turbines on the ridge.")], Token);

        var hits = await OpenIndex().SearchAsync("Solar", 10, SearchFilter.None, Token);

        var hit = Assert.Single(hits);
        Assert.Equal((entry.ItemId, entry.DocumentId, entry.Modality), (hit.ItemId, hit.DocumentId, hit.Modality));
        Assert.True(hit.Score > 0);
        Assert.Contains("«solar»", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_matching_more_query_words_rank_higher()
    {
        var index = OpenIndex();
        var all = Entry("Solar panel efficiency improved in the latest test series.");
        var two = Entry("A solar panel was installed on the roof of the barn.");
        var one = Entry("The solar eclipse was visible from the whole valley today.");
        await index.IndexAsync([one, all, two, Entry("Nothing relevant is written in this line at all.")], Token);

        var hits = await index.SearchAsync("solar panel efficiency", 10, SearchFilter.None, Token);

        Assert.Equal([all.ItemId, two.ItemId, one.ItemId], hits.Select(hit => hit.ItemId));
        Assert.True(hits[0].Score > hits[1].Score && hits[1].Score > hits[2].Score);
    }

    [Fact]
    public async Task A_rare_word_outranks_a_common_one()
    {
        var index = OpenIndex();
        var common = Enumerable.Range(0, 6).Select(i => Entry($"The report, part {i}, covers the market.")).ToList();
        var rare = Entry("The report mentions photovoltaics once.");
        await index.IndexAsync([.. common, rare], Token);

        var hits = await index.SearchAsync("report photovoltaics", 3, SearchFilter.None, Token);

        Assert.Equal(rare.ItemId, hits[0].ItemId);
        Assert.Equal(3, hits.Count);
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Any_user_text_is_a_valid_query(string query)
    {
        var index = OpenIndex();
        var solar = Entry("solar panel on the roof");
        await index.IndexAsync([solar, Entry("near the river, and not far")], Token);

        var hits = await index.SearchAsync(query, 10, SearchFilter.None, Token);

        var containsSolar = query.Contains("solar", StringComparison.Ordinal);
        Assert.Equal(containsSolar, hits.Any(hit => hit.ItemId == solar.ItemId));
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

    [Fact]
    public async Task Filters_restrict_by_modality_and_document()
    {
        var index = OpenIndex();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var firstText = Entry("turbine blade", first);
        var firstPage = Entry("turbine blade diagram", first, Modality.Page);
        var secondText = Entry("turbine housing", second);
        var secondImage = Entry("turbine photo", second, Modality.Image);
        await index.IndexAsync([firstText, firstPage, secondText, secondImage], Token);

        async Task<Guid[]> Search(Modality[] modalities, Guid[] documents) =>
            [.. (await index.SearchAsync("turbine", 10, new SearchFilter(modalities.ToHashSet(), documents.ToHashSet()), Token))
                .Select(hit => hit.ItemId).Order()];

        // A page entry holds its whole page: it is searched by SearchPagesAsync, never among the chunks.
        Assert.Equal(new[] { firstText.ItemId, secondText.ItemId }.Order(), await Search([Modality.Text], []));
        Assert.Equal(new[] { firstText.ItemId }, await Search([], [first]));
        Assert.Equal(new[] { secondImage.ItemId }, await Search([Modality.Image, Modality.Page], [second]));
        Assert.Empty(await Search([], [Guid.NewGuid()]));
        Assert.Equal(3, (await Search([], [])).Length);
        Assert.Equal(firstPage.ItemId, Assert.Single(await index.SearchPagesAsync("turbine", 10, new SearchFilter(new HashSet<Modality>(), new HashSet<Guid> { first }), Token)).ItemId);
        Assert.Empty(await index.SearchPagesAsync("turbine", 10, new SearchFilter(new HashSet<Modality>(), new HashSet<Guid> { second }), Token));
    }

    [Fact]
    public async Task Indexing_an_item_again_replaces_its_text()
    {
        var index = OpenIndex();
        var entry = Entry("draft about apples");
        await index.IndexAsync([entry], Token);

        await index.IndexAsync([entry with { Text = "final about oranges" }], Token);

        Assert.Empty(await index.SearchAsync("apples", 10, SearchFilter.None, Token));
        Assert.Equal(entry.ItemId, Assert.Single(await index.SearchAsync("oranges", 10, SearchFilter.None, Token)).ItemId);
    }

    [Fact]
    public async Task Deleting_a_document_removes_only_its_entries()
    {
        var index = OpenIndex();
        var doomed = Guid.NewGuid();
        var kept = Entry("granite quarry survey");
        await index.IndexAsync([Entry("granite quarry map", doomed), Entry("granite wall", doomed), kept], Token);

        await index.DeleteDocumentAsync(doomed, Token);

        Assert.Equal([kept.ItemId], (await OpenIndex().SearchAsync("granite quarry", 10, SearchFilter.None, Token)).Select(hit => hit.ItemId));
    }

    [Fact]
    public async Task The_limit_caps_the_hits()
    {
        var index = OpenIndex();
        await index.IndexAsync([.. Enumerable.Range(0, 12).Select(i => Entry($"invoice number {i}"))], Token);

        Assert.Equal(5, (await index.SearchAsync("invoice", 5, SearchFilter.None, Token)).Count);
        Assert.Empty(await index.SearchAsync("invoice", 0, SearchFilter.None, Token));
    }

    protected static LexicalEntry Entry(string text, Guid? documentId = null, Modality modality = Modality.Text) =>
        new(Guid.NewGuid(), documentId ?? Guid.NewGuid(), modality, text);
}
