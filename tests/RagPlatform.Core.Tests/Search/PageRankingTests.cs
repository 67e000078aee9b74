using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class PageRankingTests
{
    private static readonly Guid Document = Guid.NewGuid();

    [Fact]
    public void A_chunk_on_a_page_that_holds_the_whole_question_overtakes_a_slightly_better_lone_chunk()
    {
        var lone = Chunk(page: 1, bm25: 5.0);
        var onFullPage = Chunk(page: 2, bm25: 4.5);
        var items = Items(lone, onFullPage);
        LexicalPageHit[] pages = [new(Guid.NewGuid(), Document, 2, 9.0, "…"), new(Guid.NewGuid(), Document, 1, 3.0, "…")];

        var ranked = PageRanking.BlendPageScores([lone.Hit, onFullPage.Hit], pages, items, weight: 0.3);

        Assert.Equal([onFullPage.Hit.ItemId, lone.Hit.ItemId], ranked.Select(h => h.ItemId));
        Assert.Equal(0.9 + 0.3, ranked[0].Score, 9);
        Assert.Equal(1 + (0.3 / 3), ranked[1].Score, 9);
    }

    [Fact]
    public void Without_page_weight_the_chunk_order_stays()
    {
        var first = Chunk(page: 1, bm25: 5.0);
        var second = Chunk(page: 2, bm25: 4.5);

        var ranked = PageRanking.BlendPageScores([first.Hit, second.Hit], [new(Guid.NewGuid(), Document, 2, 9.0, "…")], Items(first, second), weight: 0);

        Assert.Equal([first.Hit.ItemId, second.Hit.ItemId], ranked.Select(h => h.ItemId));
    }

    [Fact]
    public void A_chunk_whose_heading_names_the_question_overtakes_a_slightly_better_chunk()
    {
        var mention = Chunk(page: 3, bm25: 5.0);
        var section = Chunk(page: 9, bm25: 4.5);
        var items = Items(mention, section);
        LexicalHit[] chunks = [mention.Hit with { HeadingScore = 1.0 }, section.Hit with { HeadingScore = 4.0 }];

        var ranked = PageRanking.BlendPageScores(chunks, [], items, weight: 0.3, headingWeight: 0.2);

        Assert.Equal([section.Hit.ItemId, mention.Hit.ItemId], ranked.Select(h => h.ItemId));
        Assert.Equal(0.9 + 0.2, ranked[0].Score, 9);
        Assert.Equal(1 + (0.2 / 4), ranked[1].Score, 9);
    }

    [Fact]
    public void Hits_on_navigation_pages_fall_behind_the_content_they_point_to()
    {
        var contents = Chunk(page: 1, bm25: 0);
        var content = Chunk(page: 7, bm25: 0);
        KeyValuePair<Guid, double>[] fused = [new(contents.Hit.ItemId, 1.0), new(content.Hit.ItemId, 0.8)];

        var demoted = PageRanking.DemoteNavigationPages(fused, Items(contents, content), new HashSet<(Guid, int)> { (Document, 1) }, factor: 0.5);

        Assert.Equal([content.Hit.ItemId, contents.Hit.ItemId], demoted.Select(p => p.Key));
        Assert.Equal(0.5, demoted[1].Value, 9);
    }

    private static (LexicalHit Hit, Item Item) Chunk(int page, double bm25)
    {
        var id = Guid.NewGuid();
        return (new LexicalHit(id, Document, Modality.Text, bm25, "…"), new Item(id, Document, Modality.Text, page, null, "…", null, page * 100_000));
    }

    private static Dictionary<Guid, Item> Items(params (LexicalHit Hit, Item Item)[] chunks) => chunks.ToDictionary(c => c.Item.Id, c => c.Item);
}
