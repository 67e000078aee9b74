namespace RagPlatform.Core.Answering;

/// <summary>The model called a tool (agentic mode).</summary>
public sealed record AnswerToolCalled(ToolCall Call) : AnswerUpdate;
