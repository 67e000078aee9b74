using System.Net;
using System.Net.Http.Json;
using RagPlatform.Api.Chat;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Search;
using RagPlatform.Api.Status;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Collections;

/// <summary>The requests the collection tests make, each naming its collection the way a client does.</summary>
internal sealed class CollectionRequests(HttpClient http)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public HttpClient Http => http;

    /// <summary>Uploads into a collection named by the query parameter, or by the form field.</summary>
    public async Task<HttpResponseMessage> PostAsync(byte[] bytes, string name, string collection, bool asFormField = false)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        if (asFormField)
        {
            content.Add(new StringContent(collection), "collection");
        }

        return await http.PostAsync(asFormField ? "/api/documents" : $"/api/documents?collection={Uri.EscapeDataString(collection)}", content, Token);
    }

    public async Task<UploadedFile> UploadAsync(byte[] bytes, string name, string collection, bool asFormField = false)
    {
        using var response = await PostAsync(bytes, name, collection, asFormField);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = Assert.Single((await response.Content.ReadFromJsonAsync<UploadResponseDto>(PlatformClient.Json, Token))!.Documents);
        Assert.NotNull(result.Document);
        return new UploadedFile(result.FileName, result.Outcome, result.Duplicate, result.Document);
    }

    public async Task<DocumentDetailsDto> IngestAsync(byte[] bytes, string name, string collection, bool asFormField = false)
    {
        var upload = await UploadAsync(bytes, name, collection, asFormField);
        var details = await new PlatformClient(http).WaitUntilFinishedAsync(upload.Document.Id);
        Assert.Equal(DocumentStatus.Ready, details.Document.Status);
        Assert.Equal(collection, details.Document.Collection);
        return details;
    }

    public async Task<IReadOnlyList<DocumentDto>> ListAsync(string collection) =>
        (await http.GetFromJsonAsync<DocumentListDto>($"/api/documents?collection={collection}", PlatformClient.Json, Token))!.Documents;

    public async Task<SearchResponseDto> SearchAsync(string query, string collection, string mode = "hybrid")
    {
        using var response = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&mode={mode}&limit=50&collection={collection}", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SearchResponseDto>(PlatformClient.Json, Token))!;
    }

    public async Task<SearchResponseDto> SearchImageAsync(byte[] image, string collection)
    {
        using var response = await http.PostAsJsonAsync("/api/search", new { image = Convert.ToBase64String(image), limit = 50, collection }, PlatformClient.Json, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SearchResponseDto>(PlatformClient.Json, Token))!;
    }

    public Task<HttpResponseMessage> AskAsync(string question, string collection, Guid? conversationId = null) =>
        http.PostAsJsonAsync("/api/chat", new { question, collection, conversationId, stream = false }, PlatformClient.Json, Token);

    public async Task<AnswerDto> AnswerAsync(string question, string collection, Guid? conversationId = null)
    {
        using var response = await AskAsync(question, collection, conversationId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AnswerDto>(PlatformClient.Json, Token))!;
    }

    public async Task<IReadOnlyList<ConversationDto>> ConversationsAsync(string collection) =>
        (await http.GetFromJsonAsync<ConversationListDto>($"/api/conversations?collection={collection}", PlatformClient.Json, Token))!.Conversations;

    public async Task<StatusDto> StatusAsync(string collection) =>
        (await http.GetFromJsonAsync<StatusDto>($"/api/status?collection={collection}", PlatformClient.Json, Token))!;

    public async Task<HttpStatusCode> StatusOfAsync(string url)
    {
        using var response = await http.GetAsync(url, Token);
        return response.StatusCode;
    }
}
