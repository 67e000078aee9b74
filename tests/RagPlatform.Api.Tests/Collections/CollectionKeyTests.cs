using System.Net;
using System.Net.Http.Json;
using RagPlatform.Api.Collections;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Access;

namespace RagPlatform.Api.Tests.Collections;

/// <summary>A key limited to collections: 403 (a problem, nothing of the library in it) for the
/// endpoints of another collection, 404 exactly as for a missing id for that collection's documents,
/// items and conversations; its own collection works as usual.</summary>
public sealed class CollectionKeyTests : IAsyncLifetime
{
    private const string SecretName = "secret-bravo-ledger.pdf";

    private readonly PlatformFactory factory = new(withModel: false);
    private CollectionRequests admin = null!;
    private CollectionRequests reader = null!;
    private CollectionRequests writer = null!;
    private DocumentDetailsDto inA = null!;
    private DocumentDetailsDto inB = null!;
    private Guid conversationInB;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        admin = new CollectionRequests(factory.CreateClient(await factory.CreateKeyAsync("admin", ApiKeyScope.Admin)));
        reader = new CollectionRequests(factory.CreateClient(await factory.CreateKeyAsync("reader-a", ApiKeyScope.Read, "a")));
        writer = new CollectionRequests(factory.CreateClient(await factory.CreateKeyAsync("writer-a", ApiKeyScope.Write, "a", "a2")));
        inA = await admin.IngestAsync(SamplePdfs.WithText("The alpha ledger of harbour fees."), "alpha.pdf", "a");
        inB = await admin.IngestAsync(SamplePdfs.WithText("The bravo ledger of harbour fees."), SecretName, "b");
        conversationInB = (await admin.AnswerAsync("What is in the ledger?", "b")).ConversationId;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Its_own_collection_works_and_lists_only_its_documents()
    {
        Assert.Equal([inA.Document.Id], (await reader.ListAsync("a")).Select(d => d.Id));
        Assert.All((await reader.SearchAsync("ledger", "a", "lexical")).Hits, hit => Assert.Equal(inA.Document.Id, hit.DocumentId));
        Assert.Equal(HttpStatusCode.OK, await reader.StatusOfAsync($"/api/documents/{inA.Document.Id}"));
        Assert.Equal(HttpStatusCode.OK, await reader.StatusOfAsync($"/api/items/{inA.Items[0].Id}/image"));
        Assert.Equal(HttpStatusCode.Accepted, (await writer.PostAsync(SamplePdfs.WithText("More fees."), "more.pdf", "a2")).StatusCode);
        var collections = await reader.Http.GetFromJsonAsync<CollectionListDto>("/api/collections", PlatformClient.Json, Token);
        Assert.Equal([new CollectionDto("a", 1)], collections!.Collections);
    }

    [Fact]
    public async Task Endpoints_of_another_collection_answer_403_with_nothing_of_the_library()
    {
        var requests = new List<(string What, HttpResponseMessage Response)>
        {
            ("list default", await reader.Http.GetAsync("/api/documents", Token)),
            ("list b", await reader.Http.GetAsync("/api/documents?collection=b", Token)),
            ("search b", await reader.Http.GetAsync("/api/search?q=ledger&collection=b", Token)),
            ("image search b", await reader.Http.PostAsJsonAsync("/api/search", new { query = "ledger", collection = "b" }, Token)),
            ("chat b", await reader.AskAsync("What is in the ledger?", "b")),
            ("conversations b", await reader.Http.GetAsync("/api/conversations?collection=b", Token)),
            ("status b", await reader.Http.GetAsync("/api/status?collection=b", Token)),
            ("upload b", await writer.PostAsync(SamplePdfs.WithText("Intruder."), "intruder.pdf", "b")),
            ("upload b (form)", await writer.PostAsync(SamplePdfs.WithText("Intruder."), "intruder.pdf", "b", asFormField: true)),
            ("delete collection b", await writer.Http.DeleteAsync("/api/collections/b", Token)),
        };

        foreach (var (what, response) in requests)
        {
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(SecretName, body, StringComparison.Ordinal);
            Assert.DoesNotContain(inB.Document.Id.ToString(), body, StringComparison.Ordinal);
            response.Dispose();
        }

        Assert.Equal([inB.Document.Id], (await admin.ListAsync("b")).Select(d => d.Id));
    }

    [Fact]
    public async Task Ids_of_another_collection_answer_404_exactly_as_missing_ones()
    {
        var missing = Guid.NewGuid();
        string[] templates = ["/api/documents/{0}", "/api/documents/{0}/original", "/api/documents/{0}/thumbnail", "/api/documents/{0}/pages/1/image", "/api/conversations/{0}"];
        var cases = templates.Select(t => (string.Format(null, t, t.Contains("conversations", StringComparison.Ordinal) ? conversationInB : inB.Document.Id), string.Format(null, t, missing)))
            .Append(($"/api/items/{inB.Items[0].Id}/image", $"/api/items/{missing}/image"))
            .ToList();

        foreach (var (other, absent) in cases)
        {
            foreach (var suffix in new[] { string.Empty, "?collection=a" })
            {
                using var found = await reader.Http.GetAsync(other + suffix, Token);
                using var notFound = await reader.Http.GetAsync(absent + suffix, Token);
                Assert.Equal(HttpStatusCode.NotFound, found.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
                var id = other.Split('/')[3];
                Assert.Equal(
                    Normalised(await notFound.Content.ReadAsStringAsync(Token)).Replace(missing.ToString(), id, StringComparison.Ordinal),
                    Normalised(await found.Content.ReadAsStringAsync(Token)));
            }
        }

        using var delete = await writer.Http.DeleteAsync($"/api/documents/{inB.Document.Id}", Token);
        using var reindex = await writer.Http.PostAsync($"/api/documents/{inB.Document.Id}/reindex", null, Token);
        using var deleteConversation = await writer.Http.DeleteAsync($"/api/conversations/{conversationInB}", Token);
        using var followUp = await reader.AskAsync("And the fees?", "a", conversationInB);
        Assert.All(new[] { delete, reindex, deleteConversation, followUp }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync($"/api/documents/{inB.Document.Id}"));
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync($"/api/conversations/{conversationInB}"));
    }

    /// <summary>A problem's traceId differs between any two answers.</summary>
    private static string Normalised(string problem) =>
        System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", string.Empty);
}
