using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Search;

public sealed class HitRerankingTests
{
    /// <summary>A stand-in cross-encoder (a boundary the tests may fake): a passage scores the
    /// number of query words it contains.</summary>
    private sealed class WordOverlapReranker(int topN) : IReranker
    {
        public List<IReadOnlyList<string>> Calls { get; } = [];

        public bool IsEnabled => true;

        public string? DisabledReason => null;

        public int TopN => topN;

        public Task<IReadOnlyList<double>> ScoreAsync(string query, IReadOnlyList<string> passages, CancellationToken cancellationToken)
        {
            Calls.Add(passages);
            var words = query.Split(' ');
            return Task.FromResult<IReadOnlyList<double>>(passages.Select(p => (double)words.Count(w => p.Contains(w, StringComparison.Ordinal))).ToList());
        }
    }

    private static ResolvedHit Hit(Modality modality, string? text, double final) =>
        new(new SearchHit(Guid.NewGuid(), Guid.NewGuid(), "d.pdf", modality, 1, null, text, null, new ScoreParts(final, null, null, null, null)), text);

    [Fact]
    public async Task Text_hits_in_the_head_are_reordered_by_the_reranker_and_images_keep_their_slots()
    {
        ResolvedHit[] hits =
        [
            Hit(Modality.Text, "fog in november", 0.9),
            Hit(Modality.Image, null, 0.8),
            Hit(Modality.Text, "lighthouse keepers logged fog", 0.7),
            Hit(Modality.Text, "lighthouse keepers", 0.6),
        ];
        var reranker = new WordOverlapReranker(topN: 3);

        var result = await HitReranking.ApplyAsync(reranker, "lighthouse keepers fog", hits, TestContext.Current.CancellationToken);

        Assert.Equal([hits[2].Hit.ItemId, hits[1].Hit.ItemId, hits[0].Hit.ItemId, hits[3].Hit.ItemId], result.Select(h => h.ItemId));
        Assert.Equal([3.0, null, 1.0, null], result.Select(h => h.Score.Rerank));
        Assert.Equal(["fog in november", "lighthouse keepers logged fog"], Assert.Single(reranker.Calls));
        Assert.Equal(0.7, result[0].Score.Final);
    }

    [Fact]
    public async Task Without_text_hits_in_the_head_the_reranker_is_not_called()
    {
        ResolvedHit[] hits = [Hit(Modality.Page, null, 0.9), Hit(Modality.Text, "fog", 0.1)];
        var reranker = new WordOverlapReranker(topN: 1);

        var result = await HitReranking.ApplyAsync(reranker, "fog", hits, TestContext.Current.CancellationToken);

        Assert.Empty(reranker.Calls);
        Assert.Equal(hits.Select(h => h.Hit), result);
    }
}
