using System.Net;
using RagPlatform.Web.Tests.Support;

namespace RagPlatform.Web.Tests.Security;

/// <summary>Through real Kestrel (whose own request-line limit answers with an empty body): a very
/// long URL gets a 414 problem document from the API instead.</summary>
public sealed class LongUrlTests(PlatformUnderTest platform)
{
    [Fact]
    public async Task A_100_kb_query_string_gets_414_with_a_problem_document_through_kestrel()
    {
        using var response = await platform.Api.GetAsync("/api/search?q=" + new string('a', 100_000));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("limit", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
