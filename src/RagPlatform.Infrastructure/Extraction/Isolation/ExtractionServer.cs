namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>The extractor process (<c>RagPlatform.Extractor</c>): reads requests from the platform
/// as frames, answers each one, and ends when its input ends. It reads one untrusted document, so
/// it is built to die rather than limp: running out of memory ends it at once, even where a parser
/// would swallow the failure, and the platform reads the exit code.</summary>
public static class ExtractionServer
{
    /// <summary>Serves one document: <paramref name="requests"/> is the process's standard input,
    /// <paramref name="responses"/> its standard output (nothing else may write there).</summary>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(Stream requests, Stream responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        AppDomain.CurrentDomain.FirstChanceException += (_, failure) =>
        {
            if (failure.Exception is OutOfMemoryException)
            {
                // A parser that failed an allocation half-way may catch it and go on with half a
                // document; the platform is told instead, and the memory limit stays a limit.
                Console.Error.WriteLine("Extractor: out of memory; stopping.");
                Environment.Exit(ExtractorExit.OutOfMemoryCode);
            }
        };

        using var timings = new ExtractionTimings();
        using var session = new ExtractionSession(timings);
        try
        {
            while (await ExtractorFrames.ReadAsync(requests, cancellationToken).ConfigureAwait(false) is { } payload)
            {
                var response = await session.AnswerAsync(ExtractorCodec.DecodeRequest(payload), cancellationToken).ConfigureAwait(false);
                await ExtractorFrames.WriteAsync(responses, ExtractorCodec.Encode(response), cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            await Console.Error.WriteLineAsync($"Extractor: {ex.Message}").ConfigureAwait(false);
            return ExtractorExit.ProtocolErrorCode;
        }
    }
}
