using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Search;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Support;

/// <summary>Talks to the API the way a user's script would: HTTP and JSON.</summary>
public sealed class PlatformClient(HttpClient http)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostFilesAsync(params (byte[] Bytes, string Name, string ContentType)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (bytes, name, contentType) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            content.Add(part, "files", name);
        }

        return http.PostAsync("/api/documents", content);
    }

    /// <summary>Uploads one file that must be taken (accepted or a duplicate).</summary>
    public async Task<UploadedFile> UploadAsync(byte[] bytes, string name, string contentType = "application/octet-stream")
    {
        using var response = await PostFilesAsync((bytes, name, contentType));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<UploadResponseDto>(Json);
        var result = Assert.Single(body!.Documents);
        Assert.NotNull(result.Document);
        return new UploadedFile(result.FileName, result.Outcome, result.Duplicate, result.Document);
    }

    public async Task<DocumentDetailsDto> GetAsync(Guid id) =>
        (await http.GetFromJsonAsync<DocumentDetailsDto>($"/api/documents/{id}", Json))!;

    /// <summary>Polls until the document is Ready or Failed (by default at most 60 s: a generous
    /// bound for a loaded CI machine, not a speed target).</summary>
    public async Task<DocumentDetailsDto> WaitUntilFinishedAsync(Guid id, TimeSpan? within = null)
    {
        var bound = within ?? TimeSpan.FromSeconds(60);
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var details = await GetAsync(id);
            if (details.Document.Status is DocumentStatus.Ready or DocumentStatus.Failed)
            {
                return details;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Document {id} still {details.Document.Status} after {bound.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }

    public async Task<DocumentDetailsDto> IngestAsync(byte[] bytes, string name)
    {
        var upload = await UploadAsync(bytes, name);
        var details = await WaitUntilFinishedAsync(upload.Document.Id);
        Assert.True(details.Document.Status == DocumentStatus.Ready, $"{name} ended {details.Document.Status}: {details.Document.Error}");
        return details;
    }

    public async Task<SearchResponseDto> SearchTextAsync(string query, string extra = "")
    {
        using var response = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}{extra}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SearchResponseDto>(Json))!;
    }

    public async Task<SearchResponseDto> SearchImageAsync(byte[] image)
    {
        using var response = await http.PostAsJsonAsync("/api/search", new { image = Convert.ToBase64String(image), limit = 10 }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SearchResponseDto>(Json))!;
    }
}
