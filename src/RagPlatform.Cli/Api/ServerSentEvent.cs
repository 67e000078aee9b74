namespace RagPlatform.Cli.Api;

/// <summary>One event of a text/event-stream: its type ("message" when the server named none) and
/// its data lines joined by '\n'.</summary>
internal sealed record ServerSentEvent(string Type, string Data);
