using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Api.Status;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Search;

/// <summary>A fresh install has no CLIP model: the platform must still start, say clearly that dense
/// search is off, and index and find text lexically.</summary>
public sealed class DegradedModeTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false);
    private PlatformClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = new PlatformClient(factory.CreateClient());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Status_says_dense_search_is_off_and_how_to_turn_it_on()
    {
        var status = await client.Http.GetFromJsonAsync<StatusDto>("/api/status", PlatformClient.Json);

        Assert.False(status!.Dense.Available);
        Assert.Contains("fetch-models", status.Dense.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_200_degraded()
    {
        using var response = await client.Http.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Text_is_still_indexed_and_found_lexically_without_vectors()
    {
        var doc = await client.IngestAsync(SamplePdfs.WithText("Tide tables for the estuary."), "tides.pdf");

        var result = await client.SearchTextAsync("estuary tides");
        var status = await client.Http.GetFromJsonAsync<StatusDto>("/api/status", PlatformClient.Json);

        Assert.Equal("lexical", result.Mode);
        Assert.Equal(Core.Search.SearchService.DenseOffNotice, result.Notice);
        Assert.DoesNotContain("/", result.Notice, StringComparison.Ordinal); // no server path
        Assert.Equal(doc.Document.Id, result.Hits[0].DocumentId);
        Assert.Equal(0, status!.Vectors);
    }

    [Fact]
    public async Task Dense_mode_answers_503_with_the_reason()
    {
        using var response = await client.Http.GetAsync("/api/search?q=estuary&mode=dense", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("CLIP", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lexical_mode_asked_for_carries_no_notice()
    {
        await client.IngestAsync(SamplePdfs.WithText("Ferry timetable for the estuary."), "ferry.pdf");

        var result = await client.SearchTextAsync("ferry", "&mode=lexical");

        Assert.Equal("lexical", result.Mode);
        Assert.Null(result.Notice);
        Assert.NotEmpty(result.Hits);
    }

    [Fact]
    public async Task An_image_query_answers_503_with_the_reason()
    {
        using var response = await client.Http.PostAsJsonAsync("/api/search", new { image = Convert.ToBase64String(SampleImages.BarChartPng()) });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("CLIP", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
