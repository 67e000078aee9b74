using System.Net;
using System.Net.Http.Json;
using System.Text;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Documents;

/// <summary>Bad input gets a clear error with the right status, and nothing stored is touched.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(maxFileBytes: 200_000);
    private PlatformClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = new PlatformClient(factory.CreateClient());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task A_binary_file_of_no_supported_format_is_refused_with_415_naming_every_supported_format()
    {
        using var response = await client.PostFilesAsync(([0x00, 0x01, 0x02, 0x03, 0x7F, 0x00, 0xFE], "notes.pdf", "application/pdf"));

        var detail = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "notes.pdf");
        foreach (var format in new[] { "PDF", "PNG", "plain text", "Markdown", "HTML", "DOCX", "PPTX" })
        {
            Assert.Contains(format, detail, StringComparison.Ordinal);
        }

        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_413()
    {
        var big = new byte[300_000];
        "%PDF-1.7\n"u8.CopyTo(big);

        using var response = await client.PostFilesAsync((big, "big.pdf", "application/pdf"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "limit");
    }

    [Fact]
    public async Task One_unsupported_file_among_good_ones_is_refused_alone_and_the_good_ones_are_stored()
    {
        using var response = await client.PostFilesAsync(
            (SamplePdfs.WithText("fine"), "fine.pdf", "application/pdf"),
            ([0x00, 0x00, 0x01, 0x00], "page.bin", "application/octet-stream"),
            (SamplePdfs.WithText("also fine"), "also-fine.pdf", "application/pdf"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var files = (await response.Content.ReadFromJsonAsync<Api.Documents.UploadResponseDto>(PlatformClient.Json))!.Documents;
        Assert.Equal(["fine.pdf", "page.bin", "also-fine.pdf"], files.Select(f => f.FileName));
        Assert.Equal([Api.Documents.UploadOutcome.Accepted, Api.Documents.UploadOutcome.Rejected, Api.Documents.UploadOutcome.Accepted], files.Select(f => f.Outcome));
        Assert.Equal(415, files[1].Status);
        Assert.Contains("not a supported file type", files[1].Detail, StringComparison.Ordinal);
        Assert.Null(files[1].Document);
        Assert.Equal(["also-fine.pdf", "fine.pdf"], (await ListAsync()).Select(d => d.FileName).Order());
    }

    [Fact]
    public async Task When_every_file_is_refused_the_problem_lists_each_file_with_its_reason()
    {
        using var response = await client.PostFilesAsync(
            ([0x00, 0x00, 0x01, 0x00], "page.bin", "application/octet-stream"),
            ([], "empty.pdf", "application/pdf"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("page.bin", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var files = problem.RootElement.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["rejected", "rejected"], files.Select(f => f.GetProperty("outcome").GetString()));
        Assert.Equal([415, 400], files.Select(f => f.GetProperty("status").GetInt32()));
        Assert.Contains("empty", files[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task A_request_that_is_not_multipart_is_refused_with_415()
    {
        using var response = await client.Http.PostAsync("/api/documents", new StringContent("{}", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "multipart");
    }

    [Fact]
    public async Task A_corrupt_pdf_ends_failed_with_a_reason_and_other_documents_stay_searchable()
    {
        var good = await client.IngestAsync(SamplePdfs.WithText("The ferry timetable changes in spring."), "ferry.pdf");
        var corrupt = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ngarbage garbage"u8.ToArray();

        var upload = await client.UploadAsync(corrupt, "broken.pdf");
        var failed = await client.WaitUntilFinishedAsync(upload.Document.Id);

        Assert.Equal(DocumentStatus.Failed, failed.Document.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Document.Error));
        Assert.Empty(failed.Items);
        Assert.Contains((await client.SearchTextAsync("ferry timetable")).Hits, h => h.DocumentId == good.Document.Id);
    }

    [Fact]
    public async Task An_undecodable_image_ends_failed_with_a_reason()
    {
        var png = new byte[2000];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        Random.Shared.NextBytes(png.AsSpan(8));

        var upload = await client.UploadAsync(png, "noise.png");
        var failed = await client.WaitUntilFinishedAsync(upload.Document.Id);

        Assert.Equal(DocumentStatus.Failed, failed.Document.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Document.Error));
    }

    [Theory]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search?q=%20%20")]
    [InlineData("/api/search?q=ok&limit=0")]
    [InlineData("/api/search?q=ok&limit=100000")]
    public async Task An_empty_or_malformed_query_is_refused_with_400(string url)
    {
        using var response = await client.Http.GetAsync(url);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, string.Empty);
    }

    [Fact]
    public async Task A_query_longer_than_the_limit_is_refused_with_400()
    {
        using var response = await client.Http.GetAsync("/api/search?q=" + new string('a', 5000));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_400()
    {
        using var response = await client.Http.PostAsync("/api/search", new StringContent("{\"query\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_query_image_that_is_not_an_image_is_refused_with_415()
    {
        using var response = await client.Http.PostAsJsonAsync("/api/search", new { image = Convert.ToBase64String(Encoding.UTF8.GetBytes("not an image")) });

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "image");
    }

    [Fact]
    public async Task A_query_image_that_is_not_base64_is_refused_with_400()
    {
        using var response = await client.Http.PostAsJsonAsync("/api/search", new { image = "@@@" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "base64");
    }

    [Theory]
    [InlineData("GET", "/api/documents/{0}")]
    [InlineData("DELETE", "/api/documents/{0}")]
    [InlineData("GET", "/api/documents/{0}/original")]
    [InlineData("GET", "/api/documents/{0}/thumbnail")]
    [InlineData("GET", "/api/documents/{0}/pages/1/image")]
    [InlineData("GET", "/api/items/{0}/image")]
    public async Task An_unknown_id_answers_404(string method, string template)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Guid.NewGuid()));
        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<IReadOnlyList<Api.Documents.DocumentDto>> ListAsync() =>
        (await client.Http.GetFromJsonAsync<Api.Documents.DocumentListDto>("/api/documents", PlatformClient.Json))!.Documents;

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Contains(detailContains, problem!.Detail ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        return problem.Detail!;
    }
}
