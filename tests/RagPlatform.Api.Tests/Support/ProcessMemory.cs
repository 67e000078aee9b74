using System.Diagnostics;

namespace RagPlatform.Api.Tests.Support;

/// <summary>This process's resident memory (native memory included: libvips and Skia allocate
/// outside the GC heap). On Linux the peak (VmHWM) can be reset, so a test sees the peak of its own
/// work rather than of everything before it.</summary>
internal static class ProcessMemory
{
    /// <summary>Collects garbage, resets the peak where the system allows, and returns the resident
    /// bytes now.</summary>
    public static long Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            // "5" resets VmHWM to the current RSS (proc(5), /proc/pid/clear_refs).
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>The highest resident bytes since <see cref="Settle"/> (or since start where the peak
    /// cannot be reset or read: then the current resident bytes, a weaker bound).</summary>
    public static long Peak()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }
        catch (IOException)
        {
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
