using System.Globalization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>CPU time of the runtime's tiered-compilation thread (".NET Tiered Compilation Worker", 15
/// characters of it in /proc), which recompiles hot methods in the background: a one-off cost of a young
/// process that a long-running ingestion worker pays once. On the bench's charts it took 54 ms an image
/// over the first 12 after a one-image warm-up, still 6-21 over the next 60, under 1 after about 80.</summary>
internal static class TieredJitClock
{
    private const string ThreadName = ".NET Tiered Com";

    /// <summary>Nanoseconds on a CPU so far of each such thread, by thread id (the runtime ends an idle one
    /// and starts another: a total over the threads alive would go down).</summary>
    public static Dictionary<int, long> Now()
    {
        var threads = new Dictionary<int, long>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return threads;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ThreadName)
                {
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                        long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return threads;
    }

    /// <returns>The CPU time of those threads since <paramref name="before"/>; a thread that ended meanwhile
    /// is missed (its last idle wait ends it, so it rarely holds much); zero where /proc cannot tell (not Linux).</returns>
    public static TimeSpan Since(Dictionary<int, long> before) =>
        TimeSpan.FromMilliseconds(Now().Sum(thread => thread.Value - before.GetValueOrDefault(thread.Key)) / 1e6);
}
