namespace RagPlatform.Api.Tests.Chat;

/// <summary>One event read back from a text/event-stream body.</summary>
public sealed record ServerSentEvent(string Name, string Data)
{
    /// <summary>Parses a whole event stream as the SSE specification frames it: fields per line,
    /// events ended by a blank line, several data lines joined with a line break.</summary>
    public static List<ServerSentEvent> ParseAll(string body)
    {
        var events = new List<ServerSentEvent>();
        string? name = null;
        var data = new List<string>();
        foreach (var line in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add(new ServerSentEvent(name ?? "message", string.Join('\n', data)));
                }

                (name, data) = (null, []);
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
        }

        return events;
    }
}
