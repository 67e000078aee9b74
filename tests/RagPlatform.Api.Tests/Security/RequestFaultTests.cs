using System.Net;
using System.Net.Http.Json;
using System.Text;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Security;

/// <summary>The smaller faults of the hardening trial: each gets the right 4xx with a problem document,
/// and no answer tells where the server keeps its files.</summary>
public sealed class RequestFaultTests : IAsyncLifetime
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
    public async Task A_line_break_in_an_uploaded_file_name_is_refused_with_400_not_413()
    {
        const string boundary = "b0undary";
        var body = Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"tide\r\ntable.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
            .Concat(SamplePdfs.WithText("High tide at noon.")).Concat(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n")).ToArray();
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        using var response = await client.PostAsync("/api/documents", content, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_encoded_line_break_in_a_file_name_is_refused_with_400()
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(SamplePdfs.WithText("High tide at noon."));
        part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"files\"; filename*=UTF-8''tide%0D%0Atable.pdf");
        content.Add(part);

        using var response = await client.PostAsync("/api/documents", content, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_100_kb_query_string_gets_414_with_a_problem_document()
    {
        using var response = await client.GetAsync("/api/search?q=" + new string('a', 100_000), TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Contains("limit", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_health_name_no_absolute_server_path()
    {
        var status = await client.GetStringAsync("/api/status", TestContext.Current.CancellationToken);
        var health = await client.GetStringAsync("/health", TestContext.Current.CancellationToken);

        Assert.Contains("Clip:ModelDirectory", status, StringComparison.Ordinal);
        AssertNoServerPath(status);
        AssertNoServerPath(health);
    }

    [Fact]
    public async Task A_503_for_search_by_image_without_the_model_names_no_absolute_server_path()
    {
        using var response = await client.PostAsJsonAsync("/api/search", new { image = Convert.ToBase64String(SampleImages.BarChartPng()) }, TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        AssertNoServerPath(problem.Detail!);
    }

    private void AssertNoServerPath(string text)
    {
        Assert.DoesNotContain(factory.DataDirectory, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RepositoryPaths.Root, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<![\w.:/])/(?!api/)[\w.\-]+/[\w.\-]+/", text);
    }

    private static async Task<Microsoft.AspNetCore.Mvc.ProblemDetails> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(problem?.Detail));
        return problem!;
    }
}
