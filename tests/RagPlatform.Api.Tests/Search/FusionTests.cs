using RagPlatform.Api.Search;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Search;

/// <summary>Search:Fusion through the real host with the tiny CLIP model (random weights, so its
/// dense ranking is a poor, arbitrary signal) and real BM25. The same three documents are searched
/// under weighted fusion and under RRF (the default).</summary>
public sealed class FusionTests
{
    private const string Query = "harbour pilots tide tables";

    private static async Task<(PlatformFactory Factory, SearchResponseDto Result)> SearchAsync(string? fusion)
    {
        var settings = fusion is null ? null : new Dictionary<string, string> { ["Search:Fusion"] = fusion };
        var factory = new PlatformFactory(settings: settings);
        var client = new PlatformClient(factory.CreateClient());
        await client.IngestAsync(SamplePdfs.Report(), "report.pdf");
        await client.IngestAsync(SamplePdfs.WithText("Tide tables for the estuary and the harbour pilots."), "tides.pdf");
        await client.IngestAsync(SamplePdfs.WithText("The harbour."), "harbour.pdf");
        return (factory, await client.SearchTextAsync(Query, "&limit=8"));
    }

    [Fact]
    public async Task Weighted_fusion_puts_the_passage_with_every_query_term_first_where_rrf_puts_a_one_word_match_first()
    {
        var (weightedFactory, weighted) = await SearchAsync("Weighted");
        await using var w = weightedFactory;
        var (rrfFactory, rrf) = await SearchAsync("Rrf");
        await using var r = rrfFactory;

        // "The harbour." shares only the most common term but is the tiny model's nearest text: RRF
        // counts its dense rank 1 as much as the full match's lexical rank 1.
        Assert.Equal("tides.pdf", weighted.Hits[0].DocumentName);
        Assert.Equal("harbour.pdf", rrf.Hits[0].DocumentName);
        Assert.Equal(1, weighted.Hits[0].Score.LexicalRank);
    }

    [Fact]
    public async Task Rrf_scores_are_one_over_sixty_plus_each_rank_as_before()
    {
        var (factory, result) = await SearchAsync("Rrf");
        await using var f = factory;

        Assert.NotEmpty(result.Hits);
        foreach (var hit in result.Hits)
        {
            var expected = (hit.Score.DenseRank is { } d ? 1.0 / (60 + d) : 0) + (hit.Score.LexicalRank is { } l ? 1.0 / (60 + l) : 0);
            Assert.Equal(expected, hit.Score.Final, 12);
        }

        Assert.Equal(result.Hits.Select(h => h.Score.Final).OrderDescending(), result.Hits.Select(h => h.Score.Final));
    }

    [Fact]
    public async Task Every_dense_hit_carries_its_calibrated_score_and_the_raw_cosine_stays()
    {
        var (factory, result) = await SearchAsync("Weighted");
        await using var f = factory;

        Assert.Contains(result.Hits, h => h.Modality != Core.Documents.Modality.Text);
        Assert.All(result.Hits.Where(h => h.Score.Dense is not null), h => Assert.InRange(h.Score.DenseCalibrated!.Value, 0, 1));
        Assert.All(result.Hits.Where(h => h.Score.Dense is null), h => Assert.Null(h.Score.DenseCalibrated));
        Assert.Equal(result.Hits.Select(h => h.Score.Final).OrderDescending(), result.Hits.Select(h => h.Score.Final));
    }

    [Theory]
    [InlineData("Search:Fusion", "Borda", "Search:Fusion (environment variable Search__Fusion): 'Borda' is not one of")]
    [InlineData("Search:DenseWeight", "-1", "Search:DenseWeight (environment variable Search__DenseWeight)")]
    [InlineData("Search:CalibrationSampleSize", "2", "Search:CalibrationSampleSize")]
    public void An_invalid_setting_stops_the_start_and_names_the_key(string key, string value, string named)
    {
        var problems = SettingsCheck.ProblemsWith(new Dictionary<string, string> { [key] = value });

        Assert.NotNull(problems);
        Assert.Contains(named, problems, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_weights_zero_under_weighted_fusion_stops_the_start_and_names_both_keys()
    {
        var problems = SettingsCheck.ProblemsWith(new Dictionary<string, string>
        {
            ["Search:Fusion"] = "Weighted",
            ["Search:DenseWeight"] = "0",
            ["Search:LexicalWeight"] = "0",
        });

        Assert.NotNull(problems);
        Assert.Contains("Search:DenseWeight and Search:LexicalWeight", problems, StringComparison.Ordinal);
    }
}
