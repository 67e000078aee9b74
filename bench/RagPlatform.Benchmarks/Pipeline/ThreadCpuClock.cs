using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>CPU time of the calling thread, in milliseconds: what a step costs whatever else the
/// machine runs (on a shared machine, wall time mostly measures the neighbours). Linux's
/// CLOCK_THREAD_CPUTIME_ID; elsewhere wall time, and <see cref="IsCpuTime"/> says so.</summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsCpuTime { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static double NowMs() => IsCpuTime && TryRead(out var ms) ? ms : Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;

    private static bool TryRead(out double milliseconds)
    {
        milliseconds = 0;
        try
        {
            if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
            {
                return false;
            }

            milliseconds = (time.Seconds * 1000.0) + (time.Nanoseconds / 1e6);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
