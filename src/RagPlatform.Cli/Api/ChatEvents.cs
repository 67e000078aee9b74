namespace RagPlatform.Cli.Api;

// The events of a streamed answer (POST /api/chat with stream=true), decoded from the server-sent
// events by ChatEventDecoder. The stream's `done` ends it and its `error` becomes a RagApiException,
// so neither has a type here. Kept together because they only make sense as a set.

internal abstract record ChatEvent;

/// <param name="Query">The standalone search query (a follow-up rewritten with the conversation).</param>
internal sealed record ConversationStarted(Guid ConversationId, Guid TurnId, string? Query) : ChatEvent;

/// <summary>The agent called a tool (agentic mode).</summary>
internal sealed record ToolCalled(ToolCallView Call) : ChatEvent;

/// <summary>A piece of the model's raw text, [n] markers included, before any check.</summary>
internal sealed record AnswerDelta(string Text) : ChatEvent;

/// <summary>The final, checked answer.</summary>
internal sealed record AnswerCompleted(AnswerView Answer) : ChatEvent;
