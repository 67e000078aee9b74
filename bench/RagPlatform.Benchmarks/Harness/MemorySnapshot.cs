using System.Diagnostics;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>Process memory at one moment, in bytes. The managed heap is measured after a full
/// blocking collection when <c>collect</c> is set, so it is what is still referenced.</summary>
internal sealed record MemorySnapshot(long ManagedHeapBytes, long WorkingSetBytes, long PeakWorkingSetBytes)
{
    public static MemorySnapshot Take(bool collect = true)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, process.PeakWorkingSet64);
    }
}
