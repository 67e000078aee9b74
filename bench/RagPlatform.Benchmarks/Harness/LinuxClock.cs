using System.Runtime.InteropServices;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>Linux's clock_gettime in milliseconds, for the CPU-time clocks of the suites.</summary>
internal static partial class LinuxClock
{
    /// <summary>CLOCK_PROCESS_CPUTIME_ID: CPU time of every thread of this process.</summary>
    public const int ProcessCpuTime = 2;

    /// <summary>CLOCK_THREAD_CPUTIME_ID: CPU time of the calling thread.</summary>
    public const int ThreadCpuTime = 3;

    /// <returns>False where the clock cannot be read (not Linux, or no such clock).</returns>
    public static bool TryReadMs(int clock, out double milliseconds)
    {
        milliseconds = 0;
        try
        {
            if (ClockGetTime(clock, out var time) != 0)
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
