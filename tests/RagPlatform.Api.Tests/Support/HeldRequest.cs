using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RagPlatform.Api.Tests.Support;

/// <summary>A request sent over a raw socket whose body is never finished: written up to a number of
/// bytes, then held open. Any response that arrives is therefore an answer before the body was
/// complete. (HttpClient gives no response once the server stops reading: it fails on the write.)
/// The body goes with <c>Transfer-Encoding: chunked</c>, or raw after a declared Content-Length.</summary>
internal static class HeldRequest
{
    /// <summary>Sends the head, then the body chunk by chunk until <paramref name="sendBytes"/> are
    /// out (or the server stops taking them), and reads the response meanwhile.</summary>
    /// <param name="body">The body's bytes, produced as needed: offset → the next piece.</param>
    /// <returns>The status code, the response head and body, and how many body bytes had been
    /// written when the response was complete.</returns>
    /// <param name="declaredLength">The Content-Length to declare; null sends the body chunked.</param>
    public static async Task<(int Status, string Head, string Body, long BytesSent)> SendAsync(
        Uri server, string path, string contentType, Func<long, byte[]> body, long sendBytes, TimeSpan bound, long? declaredLength = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var framing = declaredLength is { } length ? $"Content-Length: {length}" : "Transfer-Encoding: chunked";
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Host}:{server.Port}\r\nContent-Type: {contentType}\r\n{framing}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        long sent = 0;
        var writing = Task.Run(async () =>
        {
            try
            {
                while (sent < sendBytes && !stop.IsCancellationRequested)
                {
                    var piece = body(sent);
                    if (declaredLength is null)
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:X}\r\n"), stop.Token);
                    }

                    await stream.WriteAsync(piece, stop.Token);
                    if (declaredLength is null)
                    {
                        await stream.WriteAsync("\r\n"u8.ToArray(), stop.Token);
                    }

                    Interlocked.Add(ref sent, piece.Length);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server closed the connection, or the response came: stop sending.
            }
        });

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(bound);
        var (status, responseHead, responseBody) = await ReadResponseAsync(stream, limit.Token);
        var sentThen = Interlocked.Read(ref sent);
        await stop.CancelAsync();
        client.Close();
        await writing;
        return (status, responseHead, responseBody, sentThen);
    }

    /// <summary>Reads one HTTP/1.1 response: its head, then a body of Content-Length bytes or of chunks.</summary>
    private static async Task<(int Status, string Head, string Body)> ReadResponseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        int headEnd;
        while ((headEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            await ReadMoreAsync();
        }

        var head = Encoding.ASCII.GetString([.. received.Take(headEnd)]);
        received.RemoveRange(0, headEnd + 4);
        var status = int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture);
        var lines = head.Split("\r\n");
        var length = lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new List<byte>();
        if (length is not null)
        {
            var count = int.Parse(length["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            while (received.Count < count)
            {
                await ReadMoreAsync();
            }

            body.AddRange(received.Take(count));
        }
        else if (lines.Any(l => l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && l.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            while (true)
            {
                int lineEnd;
                while ((lineEnd = IndexOf(received, "\r\n"u8)) < 0)
                {
                    await ReadMoreAsync();
                }

                var size = int.Parse(Encoding.ASCII.GetString([.. received.Take(lineEnd)]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                while (received.Count < lineEnd + 2 + size + 2)
                {
                    await ReadMoreAsync();
                }

                body.AddRange(received.Skip(lineEnd + 2).Take(size));
                received.RemoveRange(0, lineEnd + 2 + size + 2);
                if (size == 0)
                {
                    break;
                }
            }
        }

        return (status, head, Encoding.UTF8.GetString([.. body]));

        async Task ReadMoreAsync()
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The server closed the connection before its response was complete.");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i + pattern.Length <= bytes.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = bytes[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
