using System.Net.Http.Headers;
using System.Text.Json;

namespace RagPlatform.Benchmarks.Server;

/// <summary>The few API calls the ingestion suite makes: upload a PDF, list the documents' states.</summary>
internal sealed class PlatformHttp(HttpClient http)
{
    private const int PageSize = 100;

    /// <summary>Uploads one PDF to the default collection; the new document's id.</summary>
    public async Task<Guid> UploadAsync(byte[] bytes, string name, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(part, "files", name);
        using var response = await http.PostAsync(new Uri("/api/documents", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.GetProperty("documents")[0].GetProperty("document").GetProperty("id").GetGuid();
    }

    /// <summary>Every document of the default collection, as the list endpoint shows it.</summary>
    public async Task<IReadOnlyList<DocumentState>> ListAsync(CancellationToken cancellationToken)
    {
        var documents = new List<DocumentState>();
        for (var skip = 0; ; skip += PageSize)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/documents?skip={skip}&take={PageSize}", UriKind.Relative), cancellationToken).ConfigureAwait(false));
            var items = page.RootElement.GetProperty("documents");
            foreach (var document in items.EnumerateArray())
            {
                var progress = document.GetProperty("progress");
                documents.Add(new DocumentState(
                    document.GetProperty("id").GetGuid(),
                    document.GetProperty("status").GetString() ?? "",
                    document.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null,
                    progress.GetProperty("pagesTotal").GetInt32(),
                    document.GetProperty("itemCount").GetInt32(),
                    document.GetProperty("updatedAt").GetDateTimeOffset()));
            }

            if (items.GetArrayLength() < PageSize)
            {
                return documents;
            }
        }
    }
}
