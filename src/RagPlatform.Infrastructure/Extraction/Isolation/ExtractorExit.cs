namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>How an extractor process ended, in words: from its exit code (128 + n for a process ended
/// by signal n) and what the runtime wrote to its standard error before it died.</summary>
internal static class ExtractorExit
{
    /// <summary>The extractor stopped itself because an allocation failed (its heap limit).</summary>
    public const int OutOfMemoryCode = 3;

    /// <summary>The extractor received bytes that are not a request.</summary>
    public const int ProtocolErrorCode = 2;

    private const int SignalBase = 128;

    public static string Describe(int exitCode, ExtractorStandardError standardError, int memoryLimitMegabytes)
    {
        if (standardError.SawStackOverflow)
        {
            return "the extractor process crashed (stack overflow)";
        }

        if (exitCode == OutOfMemoryCode || standardError.SawOutOfMemory)
        {
            return $"the extractor process ran out of memory (limit {memoryLimitMegabytes} MiB, Extraction:MaxMemoryMegabytes)";
        }

        return (exitCode - SignalBase) switch
        {
            9 => "the extractor process was killed (signal 9; the machine may be out of memory)",
            11 => "the extractor process crashed (segmentation fault)",
            6 => "the extractor process aborted (signal 6)",
            var signal when signal > 0 && signal < 64 => $"the extractor process was ended by signal {signal}",
            _ when exitCode == 0 => "the extractor process ended without an answer",
            _ when exitCode == ProtocolErrorCode => "the extractor process could not read the platform's request (a version mismatch?)",
            _ => $"the extractor process exited with code {exitCode}",
        };
    }
}
