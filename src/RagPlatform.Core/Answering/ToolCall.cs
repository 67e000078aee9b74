namespace RagPlatform.Core.Answering;

/// <summary>A tool the model called during an agentic answer, with what it got back (shortened).</summary>
public sealed record ToolCall(string Name, IReadOnlyDictionary<string, object?> Arguments, string Result);
