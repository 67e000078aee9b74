using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class WeightedScoreFusionTests
{
    private static readonly Guid Doc = Guid.NewGuid();
    private static readonly Guid Passage = Guid.NewGuid();
    private static readonly Guid Figure = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    /// <summary>CLIP-like scales: text→text around 0.8 ± 0.05, text→image around 0.25 ± 0.03.</summary>
    private static readonly DenseCalibration ClipLike = new(
        new Dictionary<(Modality, Modality), ScoreDistribution>
        {
            [(Modality.Text, Modality.Text)] = new(0.8, 0.05),
            [(Modality.Text, Modality.Image)] = new(0.25, 0.03),
        },
        ScoreDistribution.Identity,
        100);

    private static VectorHit Dense(Guid id, Modality modality, float cosine) => new(id, Doc, modality, cosine);

    private static LexicalHit Lexical(Guid id, double bm25) => new(id, Doc, Modality.Text, bm25, string.Empty);

    [Fact]
    public void The_final_score_is_the_weighted_sum_of_calibrated_dense_and_bm25_over_the_best_bm25()
    {
        DenseList[] dense = [new(Modality.Text, [Dense(Passage, Modality.Text, 0.85f), Dense(Figure, Modality.Image, 0.31f)])];
        LexicalHit[] lexical = [Lexical(Other, 8.0), Lexical(Passage, 2.0)];

        var fused = WeightedScoreFusion.Fuse(dense, lexical, ClipLike, denseWeight: 0.6, lexicalWeight: 0.4).ToDictionary(p => p.Key, p => p.Value);

        static double Logistic(double z) => 1 / (1 + Math.Exp(-z));
        Assert.Equal((0.6 * Logistic((0.85 - 0.8) / 0.05)) + (0.4 * 2.0 / 8.0), fused[Passage], 6);
        Assert.Equal(0.6 * Logistic((0.31 - 0.25) / 0.03), fused[Figure], 6);
        Assert.Equal(0.4 * 1.0, fused[Other], 6);
    }

    [Fact]
    public void A_figure_far_above_its_pairs_level_beats_a_passage_at_its_pairs_level()
    {
        DenseList[] dense = [new(Modality.Text, [Dense(Passage, Modality.Text, 0.80f), Dense(Figure, Modality.Image, 0.33f)])];

        var fused = WeightedScoreFusion.Fuse(dense, [], ClipLike, 0.5, 0.5);

        Assert.Equal([Figure, Passage], fused.Select(p => p.Key));
    }

    [Fact]
    public void An_item_found_by_two_dense_lists_counts_its_better_calibrated_score_once()
    {
        DenseList[] dense =
        [
            new(Modality.Text, [Dense(Figure, Modality.Image, 0.25f)]),
            new(Modality.Image, [Dense(Figure, Modality.Image, 0.9f)]),
        ];
        var calibration = new DenseCalibration(
            new Dictionary<(Modality, Modality), ScoreDistribution> { [(Modality.Image, Modality.Image)] = new(0.7, 0.1) }, new(0.25, 0.03), 10);

        var fused = Assert.Single(WeightedScoreFusion.Fuse(dense, [], calibration, 1, 0));

        Assert.Equal(1 / (1 + Math.Exp(-2)), fused.Value, 6);
    }

    [Fact]
    public void Bm25_scores_that_are_all_zero_count_every_lexical_hit_fully()
    {
        var fused = WeightedScoreFusion.Fuse([], [Lexical(Passage, 0), Lexical(Other, 0)], DenseCalibration.Uncalibrated, 0.5, 0.5);

        Assert.All(fused, p => Assert.Equal(0.5, p.Value, 12));
        Assert.Equal([Passage, Other], fused.Select(p => p.Key));
    }

    [Fact]
    public void Equal_scores_keep_dense_hits_before_lexical_ones_in_first_seen_order()
    {
        DenseList[] dense = [new(Modality.Text, [Dense(Figure, Modality.Image, 0.25f)])];

        var fused = WeightedScoreFusion.Fuse(dense, [Lexical(Passage, 3)], ClipLike, 1, 0.5);

        Assert.Equal([Figure, Passage], fused.Select(p => p.Key));
    }
}
