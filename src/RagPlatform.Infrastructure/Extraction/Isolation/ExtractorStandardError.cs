namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>What an extractor process writes to standard error: its log lines and, when it dies, the
/// runtime's last words ("Stack overflow.", "Out of memory."). Keeps only what classifying a crash
/// needs, so a trace of a million repeated frames costs nothing. Thread-safe.</summary>
internal sealed class ExtractorStandardError
{
    private readonly Lock gate = new();
    private bool stackOverflow;
    private bool outOfMemory;

    public bool SawStackOverflow
    {
        get
        {
            lock (gate)
            {
                return stackOverflow;
            }
        }
    }

    public bool SawOutOfMemory
    {
        get
        {
            lock (gate)
            {
                return outOfMemory;
            }
        }
    }

    public void Add(string line)
    {
        var overflow = line.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase);
        var memory = line.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
            || line.Contains(nameof(OutOfMemoryException), StringComparison.Ordinal);
        lock (gate)
        {
            stackOverflow |= overflow;
            outOfMemory |= memory;
        }
    }
}
