using System.Text.Json;

namespace RagPlatform.LlmWire;

/// <summary>One request a wire server received: the raw body and headers as they arrived, and the
/// chat fields read from them by the server's protocol.</summary>
public sealed class RecordedRequest
{
    private volatile bool _aborted;

    internal RecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>Request headers by name (case-insensitive); repeated headers joined by commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The raw request body (JSON for chat requests).</summary>
    public string Body { get; }

    public DateTimeOffset ReceivedAt { get; }

    public string? Model { get; internal set; }

    /// <summary>Whether the client asked for a streamed answer.</summary>
    public bool Stream { get; internal set; }

    public IReadOnlyList<RecordedMessage> Messages { get; internal set; } = [];

    /// <summary>Names of the functions offered as tools.</summary>
    public IReadOnlyList<string> ToolNames { get; internal set; } = [];

    /// <summary>The client went away while the server was still answering this request.</summary>
    public bool WasAborted => _aborted;

    /// <summary>Tool results sent back in this request (messages of role <c>tool</c>).</summary>
    public IReadOnlyList<RecordedMessage> ToolResults => [.. Messages.Where(static m => m.Role == "tool")];

    /// <summary>Every image part of every message, in order.</summary>
    public IReadOnlyList<RecordedImage> Images => [.. Messages.SelectMany(static m => m.Images)];

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    internal void MarkAborted() => _aborted = true;
}
