using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>What every <see cref="ILexicalIndex"/> must do: ranking, stems and phrases, fields, headings,
/// pages, filters and upkeep (the text rules are in <see cref="LexicalTextScenarios"/>).</summary>
public abstract class LexicalIndexScenarios : LexicalTextScenarios
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

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
        // FTS5 marks the phrase as one match, PostgreSQL each of its words.
        Assert.Contains("«Writing", hits[0].Snippet, StringComparison.Ordinal);
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
}
