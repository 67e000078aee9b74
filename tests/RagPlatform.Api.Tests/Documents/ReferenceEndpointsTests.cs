using System.Net;
using System.Text.Json;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Documents;

/// <summary>The OpenAPI document, the API reference page and the web page are served.</summary>
public sealed class ReferenceEndpointsTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false);
    private HttpClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task The_openapi_document_describes_the_documents_and_search_routes()
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/documents", out _));
        Assert.True(paths.TryGetProperty("/api/search", out _));
        Assert.True(paths.TryGetProperty("/api/documents/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/chat", out _));
        Assert.True(paths.TryGetProperty("/api/conversations/{id}", out _));
        Assert.StartsWith("Upload PDFs and images", document.RootElement.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_hides_the_vendors_ai_chat_and_sdk_buttons_and_loads_no_fonts_from_the_internet()
    {
        var page = await client.GetStringAsync("/docs/", TestContext.Current.CancellationToken);

        Assert.Contains("\"agent\":{\"disabled\":true}", page, StringComparison.Ordinal);
        Assert.Contains("\"hideClientButton\":true", page, StringComparison.Ordinal);
        Assert.Contains("Fonts\":false", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/docs", "text/html")]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    public async Task Pages_are_served(string path, string mediaType)
    {
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
