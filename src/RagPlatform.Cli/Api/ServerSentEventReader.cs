using System.Runtime.CompilerServices;
using System.Text;

namespace RagPlatform.Cli.Api;

/// <summary>Reads a text/event-stream as the HTML standard frames it: lines end with CRLF, LF or CR;
/// a blank line ends an event; "field: value" lines (one space after the colon dropped); several
/// data lines are joined with '\n'; lines starting with ':' are comments (keep-alives); id, retry and
/// unknown fields are ignored; an event without a data line is not dispatched.</summary>
/// <remarks>One deliberate difference from a browser: an event the stream ends in without its blank
/// line is still delivered, so a server that closes right after its last event loses nothing.</remarks>
internal static class ServerSentEventReader
{
    private const string DefaultType = "message";

    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // StreamReader splits lines at CRLF, LF and CR alike, and drops a UTF-8 byte order mark.
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        string? type = null;
        var data = new StringBuilder();
        var hasData = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerSentEvent(string.IsNullOrEmpty(type) ? DefaultType : type, data.ToString());
                }

                (type, hasData) = (null, false);
                data.Clear();
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            if (field == "event")
            {
                type = value;
            }
            else if (field == "data")
            {
                if (hasData)
                {
                    data.Append('\n');
                }

                data.Append(value);
                hasData = true;
            }
        }

        if (hasData)
        {
            yield return new ServerSentEvent(string.IsNullOrEmpty(type) ? DefaultType : type, data.ToString());
        }
    }
}
