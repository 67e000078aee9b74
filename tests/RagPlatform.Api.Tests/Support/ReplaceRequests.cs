using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using RagPlatform.Api.Documents;

namespace RagPlatform.Api.Tests.Support;

/// <summary>Uploads that replace a document, and a look into the data folder for a word that must be
/// gone.</summary>
public static class ReplaceRequests
{
    /// <summary>POST /api/documents with one PDF and the replace form field.</summary>
    public static Task<HttpResponseMessage> SendAsync(PlatformClient client, byte[] pdf, string name, string replace)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        content.Add(part, "files", name);
        content.Add(new StringContent(replace), "replace");
        return client.Http.PostAsync("/api/documents", content);
    }

    /// <summary>The one file's outcome of a 202 answer.</summary>
    public static async Task<UploadResultDto> ResultAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<UploadResponseDto>(PlatformClient.Json);
        return Assert.Single(body!.Documents);
    }

    /// <summary>Rows of items and lexical entries whose text holds the word, whatever their document.</summary>
    public static async Task<long> RowsHoldingAsync(string dataDirectory, string word)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "ragplatform.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM items WHERE text LIKE @like) + (SELECT COUNT(*) FROM lexical_entries WHERE text LIKE @like)";
        command.Parameters.AddWithValue("@like", $"%{word}%");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
