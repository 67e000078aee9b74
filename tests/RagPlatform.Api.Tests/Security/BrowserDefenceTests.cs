using System.Net;
using System.Net.Http.Headers;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Security;

/// <summary>The keyless loopback mode against a hostile web page: cross-site posts refused, foreign Host
/// headers refused (DNS rebinding), hardening headers on every answer.</summary>
public sealed class BrowserDefenceTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false, workers: 0);
    private HttpClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task A_cross_site_multipart_upload_is_refused_with_403_and_stores_nothing()
    {
        using var request = Upload("tide-table.pdf");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("tide-table", await client.GetStringAsync("/api/documents", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_a_browser_marks_cross_site_is_refused_even_without_an_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{Guid.NewGuid()}");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_same_origin_upload_from_the_page_is_accepted()
    {
        using var request = Upload("tide-table.pdf");
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_foreign_host_header_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        request.Headers.Host = "rebound.evil.example";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/documents")]
    [InlineData("/api/documents/00000000-0000-0000-0000-000000000001")]
    [InlineData("/health")]
    public async Task Every_answer_carries_nosniff_a_content_security_policy_and_a_referrer_policy(string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        var policy = Single(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_has_no_inline_script_the_policy_would_block()
    {
        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", page);
        Assert.DoesNotMatch(@"<[^>]*\son[a-z]+\s*=", page);
        Assert.DoesNotContain("style=\"", page, StringComparison.Ordinal);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : response.Content.Headers.TryGetValues(header, out var content) ? content : []);

    private static HttpRequestMessage Upload(string name)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(SamplePdfs.WithText("High tide at noon."));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(part, "files", name);
        return new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = content };
    }
}
