using System.Globalization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>CPU time of the runtime's tiered-compilation thread (".NET Tiered Compilation Worker", 15
/// characters of it in /proc), which recompiles hot methods in the background: a one-off cost of a young
/// process that a long-running ingestion worker pays once. On the bench's charts it took 54 ms an image
/// over the first 12 after a one-image warm-up, still 6-21 over the next 60, under 1 after about 80.</summary>
internal static class TieredJitClock
{
    private const string ThreadName = ".NET Tiered Com";

    /// <returns>Milliseconds on a CPU of the threads by that name (from /proc/self/task/*/schedstat,
    /// nanoseconds); 0 where /proc cannot tell (not Linux).</returns>
    public static double NowMs()
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return 0;
        }

        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ThreadName)
                {
                    nanoseconds += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return nanoseconds / 1e6;
    }
}
