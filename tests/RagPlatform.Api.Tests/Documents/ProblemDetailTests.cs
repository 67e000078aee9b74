using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Documents;

/// <summary>Every error is an RFC 7807 document with a human detail, the framework's own included.</summary>
public sealed class ProblemDetailTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false, workers: 0);
    private HttpClient http = null!;

    public ValueTask InitializeAsync()
    {
        http = factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Theory]
    [InlineData("/api/documents/bogus", HttpStatusCode.NotFound, "ids are GUIDs")]
    [InlineData("/api/items/bogus/image", HttpStatusCode.NotFound, "ids are GUIDs")]
    [InlineData("/api/search?q=R&documentId=bogus", HttpStatusCode.BadRequest, "bogus")]
    [InlineData("/api/search?q=R&limit=many", HttpStatusCode.BadRequest, "many")]
    public async Task A_malformed_id_or_parameter_answers_a_problem_with_a_detail(string path, HttpStatusCode status, string inDetail)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString();
        Assert.Contains(inDetail, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_filtered_by_an_unknown_document_id_says_so()
    {
        var id = Guid.NewGuid();

        var result = await new PlatformClient(http).SearchTextAsync("anything", $"&documentId={id}");

        Assert.Empty(result.Hits);
        Assert.Contains($"No document has the id {id}", result.Notice, StringComparison.Ordinal);
    }
}
