using System.Runtime.InteropServices;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>CPU time of this whole process in milliseconds (Linux's CLOCK_PROCESS_CPUTIME_ID): libvips
/// draws and encodes on threads of its own, which a thread clock would miss.</summary>
internal static partial class ProcessCpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    public static double NowMs() => ClockGetTime(ClockProcessCpuTimeId, out var time) == 0
        ? (time.Seconds * 1000.0) + (time.Nanoseconds / 1e6)
        : throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
