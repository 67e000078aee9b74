namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>Where documents are parsed, rendered and decoded (setting <c>Extraction:Isolation</c>).</summary>
public enum ExtractionIsolation
{
    /// <summary>In a child process per document, with memory, stack and time limits: whatever a file
    /// does to the parsers (stack overflow, out of memory, a hang), the platform only loses that process.</summary>
    Process,

    /// <summary>In the worker itself. For debugging: a file that overflows a parser's stack ends the
    /// whole host, API included.</summary>
    InProcess,
}
