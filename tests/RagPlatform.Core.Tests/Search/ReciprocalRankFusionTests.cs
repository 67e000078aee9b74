using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class ReciprocalRankFusionTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();
    private static readonly Guid D = Guid.NewGuid();

    [Fact]
    public void An_item_found_by_both_retrievers_beats_items_found_by_one()
    {
        var fused = ReciprocalRankFusion.Fuse([[A, B, C], [D, B]], k: 60);

        Assert.Equal(B, fused[0].Key);
        Assert.Equal((1.0 / 62) + (1.0 / 62), fused[0].Value, 12);
    }

    [Fact]
    public void Scores_follow_the_formula_one_over_k_plus_rank()
    {
        var fused = ReciprocalRankFusion.Fuse([[A, B]], k: 10).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal(1.0 / 11, fused[A], 12);
        Assert.Equal(1.0 / 12, fused[B], 12);
    }

    [Fact]
    public void Equal_scores_keep_the_order_in_which_they_were_first_seen()
    {
        var fused = ReciprocalRankFusion.Fuse([[A, C], [B, D]], k: 60);

        Assert.Equal([A, B, C, D], fused.Select(p => p.Key));
    }

    [Fact]
    public void Empty_lists_fuse_to_nothing()
    {
        Assert.Empty(ReciprocalRankFusion.Fuse([[], []], k: 60));
    }

    [Fact]
    public void A_k_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReciprocalRankFusion.Fuse([[A]], k: 0));
    }
}
