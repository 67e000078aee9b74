using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>CPU time of this whole process in milliseconds (Linux's CLOCK_PROCESS_CPUTIME_ID): libvips
/// draws and encodes on threads of its own, which a thread clock would miss.</summary>
internal static class ProcessCpuClock
{
    public static double NowMs() => LinuxClock.TryReadMs(LinuxClock.ProcessCpuTime, out var ms)
        ? ms
        : throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");
}
