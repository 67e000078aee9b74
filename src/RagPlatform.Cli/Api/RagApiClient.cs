using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RagPlatform.Core.Documents;

namespace RagPlatform.Cli.Api;

/// <summary>Typed client of the RagPlatform HTTP API, working in one collection: every request that
/// lists, uploads, searches, asks or reports names it, and those by id name it too, so that an id of
/// another collection is "not found".</summary>
internal sealed class RagApiClient(HttpClient http, string collection = CollectionName.Default)
{
    public Uri? Server => http.BaseAddress;

    public string Collection => collection;

    /// <summary>The same server and key, working in another collection.</summary>
    public RagApiClient InCollection(string name) => new(http, name);

    /// <summary>The collection as a query string part (after ? or &amp;).</summary>
    private string InQuery => $"collection={Uri.EscapeDataString(collection)}";

    /// <param name="replace">Null to add the file; a document id to replace that document; "byName"
    /// to replace the newest document of the collection with the same file name (or add it when there is none).</param>
    public async Task<UploadResultView> UploadAsync(string path, CancellationToken cancellationToken, string? replace = null)
    {
        await using var file = File.OpenRead(path);
        using var content = new MultipartFormDataContent();
        using var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", Path.GetFileName(path));
        if (replace is not null)
        {
            content.Add(new StringContent(replace), "replace");
        }

        var response = await SendAsync(() => http.PostAsync($"api/documents?{InQuery}", content, cancellationToken), cancellationToken);
        var body = await ReadAsync<UploadResponseView>(response, cancellationToken);
        return body.Documents[0];
    }

    public async Task<DocumentView> GetDocumentAsync(Guid id, CancellationToken cancellationToken) =>
        (await GetDetailsAsync(id, cancellationToken)).Document;

    /// <summary>The document with its pages and items (their text included).</summary>
    public async Task<DocumentDetailsView> GetDetailsAsync(Guid id, CancellationToken cancellationToken) =>
        await ReadAsync<DocumentDetailsView>(await SendAsync(() => http.GetAsync($"api/documents/{id}?{InQuery}", cancellationToken), cancellationToken), cancellationToken, "document");

    /// <summary>The most documents the API lists in one page.</summary>
    public const int MaxPageSize = 500;

    public async Task<IReadOnlyList<DocumentView>> ListAsync(int skip, int take, CancellationToken cancellationToken) =>
        (await ReadAsync<DocumentListView>(await SendAsync(() => http.GetAsync($"api/documents?skip={skip}&take={take}&{InQuery}", cancellationToken), cancellationToken), cancellationToken)).Documents;

    public async Task<DocumentView> ReindexAsync(Guid id, CancellationToken cancellationToken) =>
        await ReadAsync<DocumentView>(await SendAsync(() => http.PostAsync($"api/documents/{id}/reindex?{InQuery}", null, cancellationToken), cancellationToken), cancellationToken, "document");

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync(() => http.DeleteAsync($"api/documents/{id}?{InQuery}", cancellationToken), cancellationToken);

    public async Task<StatusView> StatusAsync(CancellationToken cancellationToken) =>
        await ReadAsync<StatusView>(await SendAsync(() => http.GetAsync($"api/status?{InQuery}", cancellationToken), cancellationToken), cancellationToken);

    /// <param name="mode">hybrid, lexical or dense; null for the server's default (hybrid).</param>
    /// <param name="collapse">False lists every matching chunk instead of one hit per page and modality.</param>
    public async Task<SearchView> SearchAsync(string? text, string? imagePath, IReadOnlyList<string> modalities, IReadOnlyList<Guid> documentIds, int limit, CancellationToken cancellationToken, string? mode = null, bool collapse = true)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(text ?? string.Empty), "query" },
            { new StringContent(limit.ToString(System.Globalization.CultureInfo.InvariantCulture)), "limit" },
            { new StringContent(collection), "collection" },
        };
        foreach (var modality in modalities)
        {
            content.Add(new StringContent(modality), "modalities");
        }

        foreach (var id in documentIds)
        {
            content.Add(new StringContent(id.ToString()), "documentIds");
        }

        if (mode is not null)
        {
            content.Add(new StringContent(mode), "mode");
        }

        if (!collapse)
        {
            content.Add(new StringContent("false"), "collapse");
        }

        if (imagePath is not null)
        {
            content.Add(new ByteArrayContent(await File.ReadAllBytesAsync(imagePath, cancellationToken)), "image", Path.GetFileName(imagePath));
        }

        return await ReadAsync<SearchView>(await SendAsync(() => http.PostAsync("api/search", content, cancellationToken), cancellationToken), cancellationToken);
    }

    /// <summary>Asks a question and returns the whole checked answer at once (stream=false).</summary>
    public async Task<AnswerView> AskAsync(ChatRequestBody request, CancellationToken cancellationToken) =>
        await ReadAsync<AnswerView>(await SendAsync(() => http.PostAsJsonAsync("api/chat", request with { Stream = false, Collection = collection }, ApiJson.Options, cancellationToken), cancellationToken), cancellationToken, "answer");

    /// <summary>Asks a question and yields the answer's events as the server streams them, ending
    /// with <see cref="AnswerCompleted"/>. Cancelling the token closes the connection, which makes the
    /// server cancel the model call.</summary>
    /// <exception cref="RagApiException">A problem response, an `error` event, a broken connection, or
    /// a stream that ends without an answer.</exception>
    public async IAsyncEnumerable<ChatEvent> StreamAnswerAsync(ChatRequestBody request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = JsonContent.Create(request with { Stream = true, Collection = collection }, options: ApiJson.Options) };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await SendAsync(() => http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken), cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            // A server that does not stream answers with the whole answer.
            yield return new AnswerCompleted(await response.Content.ReadFromJsonAsync<AnswerView>(ApiJson.Options, cancellationToken)
                ?? throw new RagApiException(502, "The server sent an empty answer."));
            yield break;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var events = ServerSentEventReader.ReadAsync(stream, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var answered = false;
        while (await NextEventAsync(events, cancellationToken) && events.Current.Type != ChatEventDecoder.Done)
        {
            if (ChatEventDecoder.Decode(events.Current) is { } decoded)
            {
                answered |= decoded is AnswerCompleted;
                yield return decoded;
            }
        }

        if (!answered)
        {
            throw new RagApiException(502, "The server ended the answer stream without an answer.");
        }
    }

    public async Task<IReadOnlyList<ConversationSummaryView>> ListConversationsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync<ConversationListView>(await SendAsync(() => http.GetAsync($"api/conversations?{InQuery}", cancellationToken), cancellationToken), cancellationToken)).Conversations;

    public async Task<ConversationView> GetConversationAsync(Guid id, CancellationToken cancellationToken) =>
        await ReadAsync<ConversationView>(await SendAsync(() => http.GetAsync($"api/conversations/{id}?{InQuery}", cancellationToken), cancellationToken), cancellationToken, "conversation");

    public async Task DeleteConversationAsync(Guid id, CancellationToken cancellationToken) =>
        (await SendAsync(() => http.DeleteAsync($"api/conversations/{id}?{InQuery}", cancellationToken), cancellationToken)).Dispose();

    public async Task<IReadOnlyList<CollectionView>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync<CollectionListView>(await SendAsync(() => http.GetAsync("api/collections", cancellationToken), cancellationToken), cancellationToken)).Collections;

    public async Task<CollectionDeletedView> DeleteCollectionAsync(string name, CancellationToken cancellationToken) =>
        await ReadAsync<CollectionDeletedView>(await SendAsync(() => http.DeleteAsync($"api/collections/{Uri.EscapeDataString(name)}", cancellationToken), cancellationToken), cancellationToken);

    private async Task<bool> NextEventAsync(IAsyncEnumerator<ServerSentEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync();
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RagApiException(502, $"The connection to {Server} broke during the answer: {ex.Message}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException ex)
        {
            throw new RagApiException($"Cannot reach RagPlatform at {Server}: {ex.Message}. Start it with scripts/start.sh (from the repository), or point --server (or RAG_SERVER) at a running server.", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var problem = await TryReadProblemAsync(response, cancellationToken);
            throw new RagApiException((int)response.StatusCode, problem?.Detail ?? problem?.Title ?? $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        return response;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken, string what = "response")
    {
        using (response)
        {
            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
                ?? throw new RagApiException($"The server sent an empty {what}.");
        }
    }

    private static async Task<ProblemView?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemView>(ApiJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
