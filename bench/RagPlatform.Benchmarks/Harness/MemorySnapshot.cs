using System.Diagnostics;
using System.Globalization;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>Process memory at one moment, in bytes. The managed heap is measured after a full
/// blocking collection when <c>collect</c> is set, so it is what is still referenced. Resident is
/// the kernel's VmRSS (/proc/self/status, Linux; the working set elsewhere): what the process holds
/// in RAM, native allocations and mapped pages included, page cache excluded.</summary>
internal sealed record MemorySnapshot(long ManagedHeapBytes, long WorkingSetBytes, long PeakWorkingSetBytes, long ResidentBytes)
{
    public static MemorySnapshot Take(bool collect = true)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, process.PeakWorkingSet64, ReadResident() ?? process.WorkingSet64);
    }

    private static long? ReadResident()
    {
        const string Path = "/proc/self/status";
        if (!File.Exists(Path))
        {
            return null;
        }

        var line = File.ReadLines(Path).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? null : long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }
}
