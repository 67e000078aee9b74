using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Api.Chat;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Answering;
using RagPlatform.LlmWire;

namespace RagPlatform.Api.Tests.Chat;

/// <summary>Grounded answers through the real host and the real OpenAI client against a server that
/// speaks OpenAI's chat-completions protocol: what the model is sent (numbered passages, images as
/// image parts within the budget), what comes back (checked citations), follow-ups, failures and
/// cancellation.</summary>
public sealed class GroundedAnswerTests(ModelBackedPlatform.OpenAi platform) : IClassFixture<ModelBackedPlatform.OpenAi>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ChatWireServer Server => platform.Server;

    private HttpClient Http => platform.Client.Http;

    [Fact]
    public async Task The_model_gets_numbered_passages_and_the_figures_as_image_parts_within_the_budget()
    {
        var before = Server.Requests.Count;
        Server.Enqueue(WireReply.Answer("Revenue grew ", "in every region [1]."));

        var answer = await AskAsync(new { question = "How did quarterly revenue develop?", stream = false });

        var request = await Server.WaitForRequestAsync(before + 1, TestContext.Current.CancellationToken);
        Assert.Contains("Cite only the numbers of sources you were given", request.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("system", request.Messages[0].Role);
        var user = request.Messages[^1];
        Assert.Contains("[1] harbour-report.pdf, page 2", user.Text, StringComparison.Ordinal);
        Assert.Contains("Question: How did quarterly revenue develop?", user.Text, StringComparison.Ordinal);

        Assert.InRange(user.Images.Count, 1, ModelBackedPlatform.MaxImages);
        Assert.Equal(answer.Images.Select(i => i.Bytes), user.Images.Select(i => (long)i.Bytes.Length));
        Assert.All(user.Images, image =>
        {
            Assert.Equal("image/png", image.MediaType);
            var (width, height) = PngSize(image.Bytes);
            Assert.InRange(Math.Max(width, height), 1, ModelBackedPlatform.MaxImageSide);
        });
        Assert.All(answer.Images, i => Assert.Contains(answer.Sources, s => s.Number == i.SourceNumber && s.SentAsImage));

        Assert.Equal(AnswerMode.Grounded, answer.Mode);
        Assert.Equal("vision-model", answer.Model);
        Assert.Equal("Revenue grew in every region [1].", answer.Text);
        Assert.Equal(2, Assert.Single(answer.Citations).Page);
        Assert.False(Assert.Single(answer.Claims).Weak);
        Assert.NotNull(answer.Usage);
    }

    [Fact]
    public async Task A_citation_of_a_source_never_sent_is_removed_and_an_uncited_claim_is_reported()
    {
        Server.Enqueue(WireReply.Answer("Revenue grew in every region [1][9]. ", "The harbour authority plans a new pier next spring."));

        var answer = await AskAsync(new { question = "How did quarterly revenue develop?", stream = false });

        Assert.Equal([9], answer.RemovedCitations);
        Assert.DoesNotContain("[9]", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["The harbour authority plans a new pier next spring."], answer.Unsupported);
    }

    [Fact]
    public async Task The_answer_streams_as_the_model_writes_it_and_ends_with_the_checked_answer()
    {
        Server.Enqueue(WireReply.Answer("The keepers ", "logged fog ", "in November [1]."));

        using var response = await Http.PostAsJsonAsync("/api/chat", new { question = "What did the lighthouse keepers log?" }, TestContext.Current.CancellationToken);
        var events = await EventStream.ReadAllAsync(response.Content);

        Assert.Equal(["conversation", "delta", "delta", "delta", "answer", "done"], events.Select(e => e.Type));
        Assert.Equal(["The keepers ", "logged fog ", "in November [1]."], events.Where(e => e.Type == "delta").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("text").GetString()));
        var answer = JsonSerializer.Deserialize<AnswerDto>(events[^2].Data, PlatformClient.Json)!;
        Assert.Equal(1, Assert.Single(answer.Citations).Page);
    }

    [Fact]
    public async Task A_follow_up_is_rewritten_by_the_model_into_the_query_that_is_searched()
    {
        Server.Enqueue(WireReply.Answer("The keepers logged fog [1]."));
        var first = await AskAsync(new { question = "What did the lighthouse keepers log?", stream = false });
        var before = Server.Requests.Count;
        Server.Enqueue(WireReply.Answer("lighthouse keepers fog month"));
        Server.Enqueue(WireReply.Answer("In November [1]."));

        var second = await AskAsync(new { question = "In which month?", conversationId = first.ConversationId, stream = false });

        var rewrite = await Server.WaitForRequestAsync(before + 1, TestContext.Current.CancellationToken);
        Assert.Contains("standalone search query", rewrite.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("In which month?", rewrite.Messages[^1].Text);
        Assert.Equal("lighthouse keepers fog month", second.Query);
        var answering = await Server.WaitForRequestAsync(before + 2, TestContext.Current.CancellationToken);
        Assert.Contains(answering.Messages, m => m.Role == "assistant" && m.Text == "The keepers logged fog [1].");
        Assert.Equal(1, Assert.Single(second.Citations).Page);
    }

    [Fact]
    public async Task A_model_that_keeps_failing_is_a_503_problem_and_in_a_stream_an_error_event()
    {
        Server.Enqueue(WireReply.Failure(500), times: 2);
        using var once = await Http.PostAsJsonAsync("/api/chat", new { question = "fog?", stream = false }, TestContext.Current.CancellationToken);
        Server.Enqueue(WireReply.Failure(503), times: 2);
        using var streamed = await Http.PostAsJsonAsync("/api/chat", new { question = "fog?" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, once.StatusCode);
        var problem = await once.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("language model did not answer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var events = await EventStream.ReadAllAsync(streamed.Content);
        Assert.Equal(["conversation", "error"], events.Select(e => e.Type));
        Assert.Equal(503, JsonDocument.Parse(events[1].Data).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_model_call()
    {
        Server.Enqueue(WireReply.Endless("The keepers "));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new { question = "What did the keepers log?" }) })
        using (var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token))
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token)))
        {
            while (await reader.ReadLineAsync(cancel.Token) is { } line && line != "event: delta")
            {
            }

            // The user closes the page: the request is cancelled and its response dropped.
            await cancel.CancelAsync();
        }

        var aborted = await Server.FirstAbort.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(aborted.WasAborted);
    }

    private async Task<AnswerDto> AskAsync(object body)
    {
        using var response = await Http.PostAsJsonAsync("/api/chat", body, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<AnswerDto>(PlatformClient.Json, TestContext.Current.CancellationToken))!;
    }

    private static (int Width, int Height) PngSize(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
