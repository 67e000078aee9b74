namespace RagPlatform.LlmWire;

/// <summary>A function call as it travels on the wire: the model asks for it in a reply, the
/// client sends it back in the history. <paramref name="ArgumentsJson"/> is one JSON object.</summary>
public sealed record WireToolCall(string Id, string Name, string ArgumentsJson);
