using System.Net;
using System.Net.Http.Json;
using RagPlatform.Api.Search;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Search;

/// <summary>The optional search mode (hybrid, lexical, dense) that lets `rag eval` measure each
/// retriever on its own. One report is ingested once for the whole class.</summary>
public sealed class SearchModeTests(SearchModeTests.IngestedReport report) : IClassFixture<SearchModeTests.IngestedReport>
{
    public sealed class IngestedReport : IAsyncLifetime
    {
        public PlatformFactory Factory { get; } = new();

        public PlatformClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = new PlatformClient(Factory.CreateClient());
            await Client.IngestAsync(SamplePdfs.Report(), "harbour-report.pdf");
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private PlatformClient Client => report.Client;

    [Fact]
    public async Task Lexical_mode_runs_only_the_full_text_index()
    {
        var result = await Client.SearchTextAsync("lighthouse keepers", "&mode=lexical");

        Assert.Equal("lexical", result.Mode);
        Assert.Null(result.Notice);
        Assert.NotEmpty(result.Hits);
        Assert.All(result.Hits, h => Assert.Null(h.Score.Dense));
        Assert.All(result.Hits, h => Assert.NotNull(h.Score.Lexical));
    }

    [Fact]
    public async Task Dense_mode_runs_only_the_clip_space_even_for_a_text_query()
    {
        var result = await Client.SearchTextAsync("lighthouse keepers", "&mode=dense");

        Assert.Equal("dense", result.Mode);
        Assert.NotEmpty(result.Hits);
        Assert.All(result.Hits, h => Assert.Null(h.Score.Lexical));
        Assert.All(result.Hits, h => Assert.NotNull(h.Score.Dense));
    }

    [Fact]
    public async Task Hybrid_is_the_default_and_may_be_named_in_any_case()
    {
        var unnamed = await Client.SearchTextAsync("revenue region");
        var named = await Client.SearchTextAsync("revenue region", "&mode=HYBRID");

        Assert.Equal("hybrid", unnamed.Mode);
        Assert.Equal("hybrid", named.Mode);
        Assert.Equal(unnamed.Hits.Select(h => h.ItemId), named.Hits.Select(h => h.ItemId));
        Assert.Contains(named.Hits, h => h.Score.Dense is not null && h.Score.Lexical is not null);
    }

    [Fact]
    public async Task The_mode_is_read_from_a_json_body_and_from_a_form_field()
    {
        using var json = await Client.Http.PostAsJsonAsync("/api/search", new { query = "lighthouse", mode = "lexical" }, TestContext.Current.CancellationToken);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("lighthouse"), "query" },
            { new StringContent("dense"), "mode" },
        };
        using var multipart = await Client.Http.PostAsync("/api/search", form, TestContext.Current.CancellationToken);

        var fromJson = await json.Content.ReadFromJsonAsync<SearchResponseDto>(PlatformClient.Json, TestContext.Current.CancellationToken);
        var fromForm = await multipart.Content.ReadFromJsonAsync<SearchResponseDto>(PlatformClient.Json, TestContext.Current.CancellationToken);
        Assert.Equal("lexical", fromJson!.Mode);
        Assert.Equal("dense", fromForm!.Mode);
    }

    [Theory]
    [InlineData("semantic")]
    [InlineData("1")]
    public async Task An_unknown_mode_is_a_400_that_lists_the_valid_ones(string mode)
    {
        using var response = await Client.Http.GetAsync($"/api/search?q=revenue&mode={mode}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hybrid, lexical or dense", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lexical_mode_refuses_an_image_query_and_says_why()
    {
        var body = new { image = Convert.ToBase64String(SampleImages.BarChartPng()), mode = "lexical" };

        using var response = await Client.Http.PostAsJsonAsync("/api/search", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text only", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dense_mode_finds_an_image_by_an_image()
    {
        using var response = await Client.Http.PostAsJsonAsync(
            "/api/search", new { image = Convert.ToBase64String(SampleImages.SunsetJpeg()), mode = "dense", limit = 3 }, TestContext.Current.CancellationToken);

        var result = await response.Content.ReadFromJsonAsync<SearchResponseDto>(PlatformClient.Json, TestContext.Current.CancellationToken);
        Assert.Equal("dense", result!.Mode);
        Assert.Equal(3, result.Hits[0].Page);
    }
}
