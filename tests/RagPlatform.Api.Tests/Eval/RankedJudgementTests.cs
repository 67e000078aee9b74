using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Recall@k, reciprocal rank and nDCG@k on hand-computed examples. Each hit is written as
/// the set of relevant unit indexes it matches ([] = irrelevant).</summary>
public sealed class RankedJudgementTests
{
    private const double Precision = 1e-9;

    // 1 / log2(r + 1) for ranks 1..4.
    private static readonly double D1 = 1.0;
    private static readonly double D2 = 1 / Math.Log2(3);
    private static readonly double D3 = 0.5;
    private static readonly double D4 = 1 / Math.Log2(5);

    private static RankedJudgement Judge(int relevantUnits, params int[][] hits) =>
        new(hits.Select(h => (IReadOnlyCollection<int>)h).ToList(), relevantUnits);

    [Fact]
    public void A_single_relevant_unit_found_first_scores_one_everywhere()
    {
        var judgement = Judge(1, [0], [], []);

        Assert.Equal(1, judgement.RecallAt(1));
        Assert.Equal(1, judgement.ReciprocalRankAt(10));
        Assert.Equal(1, judgement.NdcgAt(10), Precision);
    }

    [Fact]
    public void A_single_relevant_unit_at_rank_three()
    {
        var judgement = Judge(1, [], [], [0], []);

        Assert.Equal(0, judgement.RecallAt(1));
        Assert.Equal(1, judgement.RecallAt(5));
        Assert.Equal(1.0 / 3, judgement.ReciprocalRankAt(10), Precision);
        Assert.Equal(D3, judgement.NdcgAt(10), Precision);
        Assert.Equal(3, judgement.FirstRelevantRank);
    }

    [Fact]
    public void Two_relevant_units_at_ranks_two_and_four()
    {
        var judgement = Judge(2, [], [0], [], [1]);

        Assert.Equal(0, judgement.RecallAt(1));
        Assert.Equal(0.5, judgement.RecallAt(2));
        Assert.Equal(1, judgement.RecallAt(5));
        Assert.Equal(0.5, judgement.ReciprocalRankAt(10));
        // DCG = 1/log2(3) + 1/log2(5) = 1.0616; ideal = 1 + 1/log2(3) = 1.6309.
        Assert.Equal((D2 + D4) / (D1 + D2), judgement.NdcgAt(10), Precision);
        Assert.Equal(0.6509, judgement.NdcgAt(10), 4);
    }

    [Fact]
    public void A_duplicate_hit_on_a_unit_already_found_counts_once()
    {
        // Two hits on the same page (its text and its render), and a second unit never found.
        var judgement = Judge(2, [0], [0], []);

        Assert.Equal(0.5, judgement.RecallAt(5));
        Assert.Equal(1, judgement.ReciprocalRankAt(10));
        // The duplicate at rank 2 gains nothing: DCG = 1, ideal = 1 + 1/log2(3).
        Assert.Equal(D1 / (D1 + D2), judgement.NdcgAt(10), Precision);
    }

    [Fact]
    public void Duplicates_of_one_unit_cannot_make_up_for_a_missing_one()
    {
        var duplicates = Judge(2, [0], [0], [0], [0]);
        var both = Judge(2, [0], [], [], [1]);

        Assert.True(both.NdcgAt(10) > duplicates.NdcgAt(10));
        Assert.True(both.RecallAt(5) > duplicates.RecallAt(5));
    }

    [Fact]
    public void A_hit_that_matches_two_units_finds_both_but_gains_once()
    {
        var judgement = Judge(2, [0, 1], []);

        Assert.Equal(1, judgement.RecallAt(1));
        Assert.Equal(1, judgement.ReciprocalRankAt(1));
        Assert.Equal(D1 / (D1 + D2), judgement.NdcgAt(10), Precision);
    }

    [Fact]
    public void Hits_with_tied_scores_are_judged_in_the_order_returned()
    {
        // The same two hits (one relevant), tied on score, returned in either order: the metrics
        // judge the order a user sees and do not average over the tie.
        var relevantFirst = Judge(1, [0], []);
        var relevantSecond = Judge(1, [], [0]);

        Assert.Equal(1, relevantFirst.ReciprocalRankAt(10));
        Assert.Equal(0.5, relevantSecond.ReciprocalRankAt(10));
        Assert.Equal(1, relevantFirst.RecallAt(1));
        Assert.Equal(0, relevantSecond.RecallAt(1));
        Assert.Equal(1, relevantSecond.RecallAt(2));
    }

    [Fact]
    public void Nothing_below_the_cutoff_counts()
    {
        var hits = Enumerable.Repeat(Array.Empty<int>(), 10).Append([0]).ToArray();
        var judgement = Judge(1, hits);

        Assert.Equal(0, judgement.RecallAt(10));
        Assert.Equal(0, judgement.ReciprocalRankAt(10));
        Assert.Equal(0, judgement.NdcgAt(10));
        Assert.Equal(1.0 / 11, judgement.ReciprocalRankAt(11), Precision);
        Assert.Equal(11, judgement.FirstRelevantRank);
    }

    [Fact]
    public void More_relevant_units_than_the_cutoff_still_allow_a_perfect_ndcg()
    {
        // The ideal DCG stops at k: three units found at ranks 1 and 2 of a k = 2 list is perfect.
        var judgement = Judge(3, [0], [1], [2]);

        Assert.Equal(1, judgement.NdcgAt(2), Precision);
        Assert.Equal(2.0 / 3, judgement.RecallAt(2), Precision);
    }

    [Fact]
    public void An_empty_hit_list_scores_zero()
    {
        var judgement = Judge(2);

        Assert.Equal(0, judgement.RecallAt(10));
        Assert.Equal(0, judgement.ReciprocalRankAt(10));
        Assert.Equal(0, judgement.NdcgAt(10));
        Assert.Null(judgement.FirstRelevantRank);
    }
}
