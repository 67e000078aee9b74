using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Tests.Ingestion;

public sealed class PassageGroupingTests
{
    [Fact]
    public void Consecutive_chunks_are_grouped_while_their_tokens_fit_the_budget()
    {
        var passages = PassageGrouping.Group([70, 70, 70, 70, 70, 30], budget: 150);

        Assert.Equal([0..2, 2..4, 4..6], passages);
    }

    [Fact]
    public void A_chunk_over_the_budget_is_a_passage_by_itself()
    {
        var passages = PassageGrouping.Group([10, 400, 10, 10], budget: 300);

        Assert.Equal([0..1, 1..2, 2..4], passages);
    }

    [Fact]
    public void A_page_without_chunks_has_no_passage()
    {
        Assert.Empty(PassageGrouping.Group([], budget: 300));
    }
}
