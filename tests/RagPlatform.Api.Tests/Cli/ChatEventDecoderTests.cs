using RagPlatform.Cli.Api;

namespace RagPlatform.Api.Tests.Cli;

/// <summary>The answer stream's events as the contract defines them, decoded for the CLI.</summary>
public sealed class ChatEventDecoderTests
{
    [Fact]
    public void Conversation_tool_delta_and_answer_events_are_decoded()
    {
        var id = Guid.NewGuid();

        var conversation = Assert.IsType<ConversationStarted>(ChatEventDecoder.Decode(new("conversation", $$"""{"conversationId":"{{id}}","turnId":"{{Guid.NewGuid()}}","query":"mooring fees"}""")));
        var tool = Assert.IsType<ToolCalled>(ChatEventDecoder.Decode(new("tool", """{"name":"search_documents","arguments":{"query":"fees"},"result":"3 sources"}""")));
        var delta = Assert.IsType<AnswerDelta>(ChatEventDecoder.Decode(new("delta", """{"text":"Fees rise [1]"}""")));
        var answer = Assert.IsType<AnswerCompleted>(ChatEventDecoder.Decode(new("answer", """{"mode":"extractive","text":"x","notFound":false,"citations":[{"number":1,"documentId":"00000000-0000-0000-0000-000000000001","documentName":"a.pdf","page":2}],"removedCitations":[7]}""")));

        Assert.Equal(id, conversation.ConversationId);
        Assert.Equal("mooring fees", conversation.Query);
        Assert.Equal("search_documents", tool.Call.Name);
        Assert.Equal("fees", tool.Call.Arguments!.Value.GetProperty("query").GetString());
        Assert.Equal("Fees rise [1]", delta.Text);
        Assert.Equal("extractive", answer.Answer.Mode);
        Assert.Equal(2, answer.Answer.Citations[0].Page);
        Assert.Equal([7], answer.Answer.RemovedCitations);
        Assert.Empty(answer.Answer.Claims);
    }

    [Fact]
    public void An_error_event_becomes_a_failure_with_the_problem_status_and_detail()
    {
        var failure = Assert.Throws<RagApiException>(() => ChatEventDecoder.Decode(new("error", """{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"The model did not answer after 3 attempts."}""")));

        Assert.Equal(503, failure.StatusCode);
        Assert.Equal("The model did not answer after 3 attempts.", failure.Message);
    }

    [Fact]
    public void Malformed_data_is_a_bad_gateway_failure_that_names_the_event()
    {
        var failure = Assert.Throws<RagApiException>(() => ChatEventDecoder.Decode(new("delta", "{\"text\": ")));

        Assert.Equal(502, failure.StatusCode);
        Assert.Contains("'delta'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_event_type_is_skipped()
    {
        Assert.Null(ChatEventDecoder.Decode(new("progress", "{}")));
        Assert.Null(ChatEventDecoder.Decode(new("message", "hello")));
    }
}
