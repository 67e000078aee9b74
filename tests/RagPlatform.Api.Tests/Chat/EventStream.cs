using RagPlatform.Cli.Api;

namespace RagPlatform.Api.Tests.Chat;

/// <summary>Reads a whole text/event-stream response with the CLI's reader (itself tested on the
/// specification's framing cases), so the tests see the events as a client of the API does.</summary>
internal static class EventStream
{
    public static async Task<List<ServerSentEvent>> ReadAllAsync(HttpContent content)
    {
        var token = TestContext.Current.CancellationToken;
        var events = new List<ServerSentEvent>();
        await foreach (var e in ServerSentEventReader.ReadAsync(await content.ReadAsStreamAsync(token), token))
        {
            events.Add(e);
        }

        return events;
    }
}
