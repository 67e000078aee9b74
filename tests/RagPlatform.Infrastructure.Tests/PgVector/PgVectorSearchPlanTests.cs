using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Vectors.PgVector;

namespace RagPlatform.Infrastructure.Tests.PgVector;

public sealed class PgVectorSearchPlanTests
{
    private static readonly SearchFilter Pages = new(new HashSet<Modality> { Modality.Page }, new HashSet<Guid>());

    [Theory]
    [InlineData(10, 100, 100)]
    [InlineData(300, 100, 300)]
    [InlineData(5000, 100, 1000)]
    [InlineData(1, 1, 1)]
    public void The_candidate_list_is_the_setting_raised_to_the_limit_within_pgvectors_bounds(int limit, int configured, int expected) =>
        Assert.Equal(expected, PgVectorSearchPlan.For(limit, SearchFilter.None, hasIterativeScan: true, configured).EfSearch);

    [Fact]
    public void With_pgvector_0_8_every_search_scans_the_index_iteratively()
    {
        Assert.Equal(new PgVectorSearchPlan(100, IterativeScan: true, ExactScan: false), PgVectorSearchPlan.For(10, SearchFilter.None, true, 100));
        Assert.Equal(new PgVectorSearchPlan(100, IterativeScan: true, ExactScan: false), PgVectorSearchPlan.For(10, Pages, true, 100));
    }

    [Fact]
    public void Before_pgvector_0_8_filtered_searches_and_limits_beyond_the_candidate_list_scan_exactly()
    {
        Assert.False(PgVectorSearchPlan.For(10, SearchFilter.None, false, 100).ExactScan);
        Assert.True(PgVectorSearchPlan.For(10, Pages, false, 100).ExactScan);
        Assert.True(PgVectorSearchPlan.For(10, SearchFilter.In("manuals"), false, 100).ExactScan);
        Assert.True(PgVectorSearchPlan.For(2000, SearchFilter.None, false, 100).ExactScan);
        Assert.False(PgVectorSearchPlan.For(10, Pages, false, 100).IterativeScan);
    }

    [Theory]
    [InlineData("0.8.0", "0.8.0")]
    [InlineData("0.7.4", "0.7.4")]
    [InlineData("0.9.0-dev", "0.9.0")]
    [InlineData("1", "1.0")]
    public void Extension_versions_parse_without_their_suffixes(string text, string expected) =>
        Assert.Equal(Version.Parse(expected), PgVectorDatabase.ParseVersion(text));
}
