namespace RagPlatform.Infrastructure.Llm;

/// <summary>The caller's token of the model call running on this async flow, for the HTTP layer
/// under a client library that does not pass it everywhere: OllamaSharp reads streamed lines
/// without it, so cancelling would otherwise wait for the server's next line. Set by
/// <see cref="ChatCallBoundary"/> before every step into the library; read by
/// <see cref="StallGuardedStream"/> on every read.</summary>
internal static class CallerCancellation
{
    private static readonly AsyncLocal<CancellationToken> Token = new();

    public static CancellationToken Current
    {
        get => Token.Value;
        set => Token.Value = value;
    }
}
