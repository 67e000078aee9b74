namespace RagPlatform.LlmWire;

/// <summary>What a wire server answers to one chat request: text in pieces, tool calls, or a
/// fault (an error status, silence, a stream that never ends).</summary>
public sealed record WireReply
{
    /// <summary>The answer text, one streamed chunk per element (joined when not streamed).</summary>
    public IReadOnlyList<string> Chunks { get; init; } = [];

    public IReadOnlyList<WireToolCall> ToolCalls { get; init; } = [];

    /// <summary>HTTP status; anything but 200 answers an error document of the protocol.</summary>
    public int Status { get; init; } = 200;

    /// <summary>Sent as a <c>Retry-After</c> header in whole seconds with an error status.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Wait before the response headers; <see cref="Timeout.InfiniteTimeSpan"/> waits
    /// until the client gives up.</summary>
    public TimeSpan DelayBeforeHeaders { get; init; }

    /// <summary>Pause between streamed chunks (after the first).</summary>
    public TimeSpan DelayBetweenChunks { get; init; }

    /// <summary>After the chunks, keep the response open until the client aborts it.</summary>
    public bool NeverEnds { get; init; }

    public int InputTokens { get; init; } = 42;

    /// <summary>Output tokens reported in the usage; the number of chunks when not set.</summary>
    public int? OutputTokens { get; init; }

    public string Text => string.Concat(Chunks);

    public static WireReply Answer(params string[] chunks) => new() { Chunks = chunks };

    public static WireReply CallTools(params WireToolCall[] calls) => new() { ToolCalls = calls };

    public static WireReply Failure(int status, TimeSpan? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };

    /// <summary>Never sends headers: the client's attempt timeout or cancellation must end it.</summary>
    public static WireReply Silence() => new() { DelayBeforeHeaders = Timeout.InfiniteTimeSpan };

    /// <summary>Sends the chunks, then holds the response open until the client aborts it.</summary>
    public static WireReply Endless(params string[] chunks) => new() { Chunks = chunks, NeverEnds = true };
}
