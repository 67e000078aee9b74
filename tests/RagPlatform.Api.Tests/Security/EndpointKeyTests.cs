using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Access;

namespace RagPlatform.Api.Tests.Security;

/// <summary>Every endpoint the app maps, read from its own EndpointDataSource so that a new one cannot be
/// forgotten: without a key, with a wrong or revoked one, and with a read key on a writing endpoint, the
/// answer is 401 or 403 with a problem document and nothing of the library in it.</summary>
public sealed partial class EndpointKeyTests : IAsyncLifetime
{
    /// <summary>Endpoints outside /api that stay open: no data behind them.</summary>
    private static readonly string[] OpenPrefixes = ["/health", "/openapi/", "/docs", "/scalar"];

    /// <summary>The only POSTs that just read (the spec's words, not the implementation's rule).</summary>
    private static readonly string[] ReadingPosts = ["POST /api/search", "POST /api/chat"];

    private const string SecretName = "secret-harbour-ledger.pdf";

    private readonly PlatformFactory factory = new(withModel: false, workers: 0);
    private string readKey = null!;
    private string adminKey = null!;
    private string revokedKey = null!;
    private Guid documentId;

    public async ValueTask InitializeAsync()
    {
        readKey = await factory.CreateKeyAsync("reader", ApiKeyScope.Read);
        adminKey = await factory.CreateKeyAsync("admin", ApiKeyScope.Admin);
        revokedKey = await factory.CreateKeyAsync("former", ApiKeyScope.Admin);
        await factory.RevokeKeyAsync("former");
        var admin = new PlatformClient(factory.CreateClient(adminKey));
        documentId = (await admin.UploadAsync(SamplePdfs.WithText("The harbour ledger."), SecretName)).Document.Id;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public void Every_endpoint_is_either_under_api_or_known_to_be_open()
    {
        var unknown = Endpoints().Select(e => e.Path).Where(p => !p.StartsWith("/api/", StringComparison.Ordinal) && !OpenPrefixes.Any(o => p.StartsWith(o, StringComparison.Ordinal))).ToList();

        Assert.Empty(unknown);
        Assert.Contains(Endpoints(), e => e.Path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_without_a_key_and_tells_nothing()
    {
        await AssertEveryApiEndpointAsync(null, (_, _) => HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_to_a_wrong_key()
    {
        await AssertEveryApiEndpointAsync(ApiKeySecrets.NewSecret(), (_, _) => HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_to_a_revoked_key()
    {
        await AssertEveryApiEndpointAsync(revokedKey, (_, _) => HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_read_key_gets_403_on_every_writing_endpoint_and_passes_the_reading_ones()
    {
        await AssertEveryApiEndpointAsync(readKey, (method, path) => IsReading(method, path) ? null : HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_key_also_works_in_the_x_api_key_header()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        request.Headers.Add("X-Api-Key", readKey);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SecretName, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_key_can_search_and_ask()
    {
        using var client = factory.CreateClient(readKey);

        using var search = await client.GetAsync("/api/search?q=harbour", TestContext.Current.CancellationToken);
        using var ask = await client.PostAsync("/api/chat", System.Net.Http.Json.JsonContent.Create(new { question = "What is in the ledger?", stream = false }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
    }

    [Fact]
    public async Task With_keys_a_cross_site_request_is_judged_by_its_key_alone()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{documentId}");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_the_web_page_stay_open_without_a_key()
    {
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var page = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(SecretName, await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <param name="expected">The status an endpoint must give; null for "anything but 401 and 403".</param>
    private async Task AssertEveryApiEndpointAsync(string? key, Func<string, string, HttpStatusCode?> expected)
    {
        using var client = key is null ? factory.CreateClient() : factory.CreateClient(key);
        var failures = new List<string>();
        foreach (var (method, path) in Endpoints().Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var url = Parameter().Replace(path, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : documentId.ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var want = expected(method, path);
            if (want is null)
            {
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{method} {url}: {(int)response.StatusCode}, expected to pass");
                }

                continue;
            }

            if (response.StatusCode != want
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || body.Contains(SecretName, StringComparison.Ordinal)
                || body.Contains(documentId.ToString(), StringComparison.Ordinal)
                || (want == HttpStatusCode.Unauthorized && !response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer")))
            {
                failures.Add($"{method} {url}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {body}");
            }
        }

        Assert.Empty(failures);
    }

    private static bool IsReading(string method, string path) =>
        method is "GET" or "HEAD" || ReadingPosts.Contains($"{method} {path}");

    private List<(string Method, string Path)> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
