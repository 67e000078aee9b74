using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Api.Chat;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Answering;

namespace RagPlatform.Api.Tests.Chat;

/// <summary>Answers without a language model (the embedded default): quoted passages with checked
/// citations, "not found" when nothing matches, conversations stored, and the SSE framing.</summary>
public sealed class ExtractiveAnswerTests(ExtractiveAnswerTests.IngestedReport report) : IClassFixture<ExtractiveAnswerTests.IngestedReport>
{
    public sealed class IngestedReport : IAsyncLifetime
    {
        public PlatformFactory Factory { get; } = new();

        public PlatformClient Client { get; private set; } = null!;

        public Guid DocumentId { get; private set; }

        public async ValueTask InitializeAsync()
        {
            Client = new PlatformClient(Factory.CreateClient());
            DocumentId = (await Client.IngestAsync(SamplePdfs.Report(), "harbour-report.pdf")).Document.Id;
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private HttpClient Http => report.Client.Http;

    [Fact]
    public async Task A_question_without_a_model_is_answered_by_quoting_the_passage_with_its_page()
    {
        var answer = await AskAsync(new { question = "What did the lighthouse keepers log in November?", stream = false });

        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.Null(answer.Model);
        Assert.False(answer.NotFound);
        Assert.Contains("No language model is configured", answer.Notice, StringComparison.Ordinal);
        Assert.Contains("lighthouse keepers logged unusual fog", answer.Text, StringComparison.Ordinal);
        var citation = answer.Citations[0];
        Assert.Equal(report.DocumentId, citation.DocumentId);
        Assert.Equal("harbour-report.pdf", citation.DocumentName);
        Assert.Equal(1, citation.Page);
        Assert.NotNull(citation.Region);
        Assert.Equal($"/api/documents/{report.DocumentId}/pages/1/image", citation.PageImageUrl);
        Assert.Contains($"[{citation.Number}]", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Images); // nothing is sent to a model that is not there
        Assert.All(answer.Claims, c => Assert.Equal("verbatim", c.SupportMethod));

        using var image = await Http.GetAsync(citation.ImageUrl);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_question_the_documents_do_not_answer_is_reported_not_found_without_citations()
    {
        var answer = await AskAsync(new { question = "What is the boiling point of mercury in kelvin?", stream = false });

        Assert.True(answer.NotFound);
        Assert.Empty(answer.Citations);
        Assert.StartsWith("Not found in the documents.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_answer_sends_conversation_delta_answer_and_done_in_order()
    {
        using var response = await Http.PostAsJsonAsync("/api/chat", new { question = "Which revenue grew in every region?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await EventStream.ReadAllAsync(response.Content);
        Assert.Equal(["conversation", "delta", "answer", "done"], events.Select(e => e.Type));
        var started = JsonDocument.Parse(events[0].Data).RootElement;
        var answer = JsonSerializer.Deserialize<AnswerDto>(events[2].Data, PlatformClient.Json)!;
        Assert.Equal(started.GetProperty("conversationId").GetGuid(), answer.ConversationId);
        Assert.Equal(JsonDocument.Parse(events[1].Data).RootElement.GetProperty("text").GetString(), answer.Text);
        Assert.Equal(2, answer.Citations[0].Page);
    }

    [Fact]
    public async Task A_conversation_keeps_its_turns_and_a_short_follow_up_borrows_the_subject_of_the_question_before()
    {
        var first = await AskAsync(new { question = "What did the lighthouse keepers log?", stream = false });
        var second = await AskAsync(new { question = "In which month?", conversationId = first.ConversationId, stream = false });

        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.Contains("lighthouse", second.Query, StringComparison.Ordinal);
        Assert.Contains("November", second.Text, StringComparison.Ordinal);

        var listed = await Http.GetFromJsonAsync<ConversationListDto>("/api/conversations", PlatformClient.Json);
        Assert.Contains(listed!.Conversations, c => c.Id == first.ConversationId && c.TurnCount == 2);
        var details = await Http.GetFromJsonAsync<ConversationDetailsDto>($"/api/conversations/{first.ConversationId}", PlatformClient.Json);
        Assert.Equal(["What did the lighthouse keepers log?", "In which month?"], details!.Turns.Select(t => t.Question));
        Assert.Equal(second.Text, details.Turns[1].Answer.Text);

        using var deleted = await Http.DeleteAsync($"/api/conversations/{first.ConversationId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Http.GetAsync($"/api/conversations/{first.ConversationId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_bad_question_or_an_unknown_conversation_is_a_problem_with_a_detail_before_any_event(bool stream)
    {
        using var empty = await Http.PostAsJsonAsync("/api/chat", new { question = "  ", stream });
        using var unknown = await Http.PostAsJsonAsync("/api/chat", new { question = "fog?", conversationId = Guid.NewGuid(), stream });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        Assert.Contains("empty", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No conversation", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_scoped_to_another_document_does_not_cite_this_one()
    {
        var answer = await AskAsync(new { question = "What did the lighthouse keepers log in November?", documentIds = new[] { Guid.NewGuid() }, stream = false });

        Assert.True(answer.NotFound);
        Assert.Empty(answer.Sources);
    }

    private async Task<AnswerDto> AskAsync(object body)
    {
        using var response = await Http.PostAsJsonAsync("/api/chat", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AnswerDto>(PlatformClient.Json))!;
    }
}
