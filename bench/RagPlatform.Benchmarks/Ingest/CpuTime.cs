using System.Diagnostics;
using System.Globalization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>CPU time (user + system) of this process and of its child processes (the extractor
/// processes the workers start), read from /proc on Linux. Children are sampled while they live,
/// every <see cref="Interval"/>, because a child that ends is only counted by the kernel once it is
/// waited for; the last tenth of a second of a child that ends may be missed. Children already
/// running when the count starts (extractor processes kept from a warm-up) count from then on.</summary>
internal sealed class CpuTime : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    // USER_HZ: the unit of the stat fields, 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    private readonly Dictionary<int, double> _childTicks = [];
    private readonly Dictionary<int, double> _childTicksAtStart = ChildTicksNow();
    private readonly TimeSpan _selfAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public CpuTime() => _sampling = SampleAsync(_stop.Token);

    public TimeSpan Self => Process.GetCurrentProcess().TotalProcessorTime - _selfAtStart;

    public TimeSpan Children
    {
        get
        {
            lock (_childTicks)
            {
                return TimeSpan.FromSeconds(_childTicks.Sum(child => child.Value - _childTicksAtStart.GetValueOrDefault(child.Key)) / TicksPerSecond);
            }
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists("/proc"))
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var (pid, ticks) in ChildTicksNow())
            {
                lock (_childTicks)
                {
                    _childTicks[pid] = ticks;
                }
            }

            try
            {
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The CPU ticks so far of each living child process of this one.</summary>
    private static Dictionary<int, double> ChildTicksNow()
    {
        var ticks = new Dictionary<int, double>();
        if (!Directory.Exists("/proc"))
        {
            return ticks;
        }

        var self = Environment.ProcessId;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Read(pid) is { Parent: var parent, Ticks: var used } && parent == self)
            {
                ticks[pid] = used;
            }
        }

        return ticks;
    }

    private static (int Parent, double Ticks)? Read(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): state, ppid, … utime (14th of the
            // line, 12th here), stime (15th, 13th here).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }
}
