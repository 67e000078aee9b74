namespace RagPlatform.LlmWire;

/// <summary>One message of a recorded chat request, in the protocol's own terms reduced to what
/// tests look at.</summary>
public sealed record RecordedMessage(
    string Role,
    IReadOnlyList<string> Texts,
    IReadOnlyList<RecordedImage> Images,
    IReadOnlyList<WireToolCall> ToolCalls,
    string? ToolCallId)
{
    public string Text => string.Concat(Texts);
}
