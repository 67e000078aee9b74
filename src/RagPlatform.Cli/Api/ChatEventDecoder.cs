using System.Text.Json;

namespace RagPlatform.Cli.Api;

/// <summary>Turns the server-sent events of POST /api/chat into <see cref="ChatEvent"/>s.</summary>
internal static class ChatEventDecoder
{
    public const string Done = "done";

    /// <summary>Status reported for a stream that breaks the contract (the server answered garbage).</summary>
    private const int BadGateway = 502;

    /// <returns>The event; null for an event type this client does not know (a newer server's), which
    /// is skipped rather than refused.</returns>
    /// <exception cref="RagApiException">An `error` event (with the problem's status and detail), or
    /// data that is not the JSON the contract gives for the type.</exception>
    public static ChatEvent? Decode(ServerSentEvent sse) => sse.Type switch
    {
        "conversation" => Parse<ConversationStarted>(sse),
        "tool" => new ToolCalled(Parse<ToolCallView>(sse)),
        "delta" => new AnswerDelta(Parse<DeltaData>(sse).Text ?? string.Empty),
        "answer" => new AnswerCompleted(Parse<AnswerView>(sse)),
        "error" => throw Failure(sse),
        _ => null,
    };

    private static RagApiException Failure(ServerSentEvent sse)
    {
        var problem = Parse<ProblemView>(sse);
        var message = problem.Detail ?? problem.Title ?? "The server stopped the answer without saying why.";
        return new RagApiException(problem.Status is >= 400 ? problem.Status.Value : BadGateway, message);
    }

    private static T Parse<T>(ServerSentEvent sse)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(sse.Data, ApiJson.Options)
                ?? throw new RagApiException(BadGateway, $"The server sent an empty '{sse.Type}' event.");
        }
        catch (JsonException ex)
        {
            throw new RagApiException(BadGateway, $"The server sent a malformed '{sse.Type}' event: {ex.Message}");
        }
    }

#pragma warning disable CA1812 // Instantiated by the JSON serializer.
    private sealed record DeltaData(string? Text);
#pragma warning restore CA1812
}
