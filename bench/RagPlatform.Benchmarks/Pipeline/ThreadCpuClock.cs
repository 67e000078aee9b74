using System.Diagnostics;
using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>CPU time of the calling thread, in milliseconds: what a step costs whatever else the
/// machine runs (on a shared machine, wall time mostly measures the neighbours). Linux's
/// CLOCK_THREAD_CPUTIME_ID; elsewhere wall time, and <see cref="IsCpuTime"/> says so.</summary>
internal static class ThreadCpuClock
{
    public static bool IsCpuTime { get; } = OperatingSystem.IsLinux() && LinuxClock.TryReadMs(LinuxClock.ThreadCpuTime, out _);

    public static double NowMs() => IsCpuTime && LinuxClock.TryReadMs(LinuxClock.ThreadCpuTime, out var ms) ? ms : Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
}
