using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Api.Chat;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Answering;
using RagPlatform.LlmWire;

namespace RagPlatform.Api.Tests.Chat;

/// <summary>Agentic answers: the model calls the Semantic Kernel tools over the OpenAI protocol, the
/// platform runs them, and their results (and page images) go back to the model.</summary>
public sealed class AgenticAnswerTests(ModelBackedPlatform.OpenAi platform) : IClassFixture<ModelBackedPlatform.OpenAi>
{
    private ChatWireServer Server => platform.Server;

    [Fact]
    public async Task A_search_the_model_asks_for_runs_and_its_new_sources_go_back_to_the_model()
    {
        var before = Server.Requests.Count;
        Server.Enqueue(WireReply.CallTools(new WireToolCall("call_1", "search_documents", """{"query":"sunset western pier"}""")));
        Server.Enqueue(WireReply.Answer("The fog was logged in November [1] and the photo shows a sunset [3]."));

        using var response = await platform.Client.Http.PostAsJsonAsync(
            "/api/chat", new { question = "When was fog logged, and what does the photo show?", mode = "agentic" }, TestContext.Current.CancellationToken);
        var events = await EventStream.ReadAllAsync(response.Content);

        var first = await Server.WaitForRequestAsync(before + 1, TestContext.Current.CancellationToken);
        Assert.Equal(["get_page_image", "search_documents"], first.ToolNames.Order());
        var second = await Server.WaitForRequestAsync(before + 2, TestContext.Current.CancellationToken);
        var toolResult = Assert.Single(second.ToolResults);
        Assert.Equal("call_1", toolResult.ToolCallId);
        Assert.StartsWith("Sources:", toolResult.Text, StringComparison.Ordinal);
        Assert.Contains("harbour-report.pdf, page 3", toolResult.Text, StringComparison.Ordinal);

        Assert.Contains("tool", events.Select(e => e.Type));
        var answer = JsonSerializer.Deserialize<AnswerDto>(events.Single(e => e.Type == "answer").Data, PlatformClient.Json)!;
        Assert.Equal(AnswerMode.Agentic, answer.Mode);
        var call = Assert.Single(answer.ToolCalls);
        Assert.Equal("search_documents", call.Name);
        Assert.Contains(answer.Sources, s => s.Page == 3 && s.Number > 1);
        Assert.Empty(answer.RemovedCitations);
    }

    [Fact]
    public async Task A_page_image_the_model_asks_for_arrives_as_an_image_part_after_the_tool_result()
    {
        var before = Server.Requests.Count;
        Server.Enqueue(WireReply.CallTools(new WireToolCall("call_2", "get_page_image", """{"sourceNumber":1}""")));
        Server.Enqueue(WireReply.Answer("The page shows the report's title [1]."));

        using var response = await platform.Client.Http.PostAsJsonAsync(
            "/api/chat", new { question = "What did the lighthouse keepers log?", mode = "agentic", stream = false }, TestContext.Current.CancellationToken);
        var answer = (await response.Content.ReadFromJsonAsync<AnswerDto>(PlatformClient.Json, TestContext.Current.CancellationToken))!;

        var second = await Server.WaitForRequestAsync(before + 2, TestContext.Current.CancellationToken);
        Assert.Contains("attached below", Assert.Single(second.ToolResults).Text, StringComparison.Ordinal);
        var last = second.Messages[^1];
        Assert.Equal("user", last.Role);
        Assert.Equal("image/png", Assert.Single(last.Images).MediaType);
        Assert.Equal("get_page_image", Assert.Single(answer.ToolCalls).Name);
        Assert.Contains(answer.Images, i => i.SourceNumber == 1);
    }

    [Fact]
    public async Task The_last_step_offers_no_tools_so_the_model_must_answer()
    {
        var before = Server.Requests.Count;
        Server.Enqueue(WireReply.CallTools(new WireToolCall("a", "search_documents", """{"query":"fog"}""")), times: 3);
        Server.Enqueue(WireReply.Answer("Fog in November [1]."));

        using var response = await platform.Client.Http.PostAsJsonAsync(
            "/api/chat", new { question = "fog?", mode = "agentic", stream = false }, TestContext.Current.CancellationToken);
        var answer = (await response.Content.ReadFromJsonAsync<AnswerDto>(PlatformClient.Json, TestContext.Current.CancellationToken))!;

        var last = await Server.WaitForRequestAsync(before + 4, TestContext.Current.CancellationToken);
        Assert.Empty(last.ToolNames);
        Assert.Equal(3, answer.ToolCalls.Count);
        Assert.Equal("Fog in November [1].", answer.Text);
    }
}
