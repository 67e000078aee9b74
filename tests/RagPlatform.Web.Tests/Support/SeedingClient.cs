using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Support;

/// <summary>Puts documents into the platform through its HTTP API, for tests whose subject is not
/// the upload.</summary>
public sealed class SeedingClient(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>Uploads a PDF (into the default collection unless one is named) and waits until it is
    /// ready; returns its id.</summary>
    public async Task<Guid> IngestPdfAsync(byte[] pdf, string name, string? collection = null)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(part, "files", name);
        var url = collection is null ? "/api/documents" : $"/api/documents?collection={collection}";
        using var response = await http.PostAsync(url, content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var id = body.RootElement.GetProperty("documents")[0].GetProperty("document").GetProperty("id").GetGuid();
        await WaitUntilReadyAsync(id);
        return id;
    }

    /// <summary>Polls the document until it is ready (at most 120 s, a bound for a loaded machine).</summary>
    public async Task WaitUntilReadyAsync(Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var details = JsonDocument.Parse(await http.GetStringAsync($"/api/documents/{id}", TestContext.Current.CancellationToken));
            var document = details.RootElement.GetProperty("document");
            var status = document.GetProperty("status").GetString();
            if (status == "ready")
            {
                return;
            }

            Assert.True(status != "failed", $"Document {id} failed: {document.GetProperty("error")}");
            Assert.True(DateTime.UtcNow < deadline, $"Document {id} still {status} after 120 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path, TestContext.Current.CancellationToken);

    public Task<T?> GetJsonAsync<T>(string path) => http.GetFromJsonAsync<T>(path, TestContext.Current.CancellationToken);
}
