namespace RagPlatform.Api.Tests.Support;

/// <summary>Samples an <see cref="ApiProcess"/> every 100 ms while a test runs: the host's resident
/// memory (and its kernel-kept peak), and each extractor child's resident memory and data limit.
/// A child that lives shorter than a sample may be missed; the host's peak is exact (VmHWM).</summary>
internal sealed class MemoryWatch : IDisposable
{
    private readonly ApiProcess host;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private readonly Lock gate = new();
    private readonly HashSet<int> extractors = [];
    private readonly HashSet<long> limits = [];
    private long extractorPeak;
    private long hostLast;

    public MemoryWatch(ApiProcess host)
    {
        this.host = host;
        sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                Sample();
            }
        });
    }

    /// <summary>Highest resident bytes of the host since it started.</summary>
    public long HostPeakBytes => Math.Max(host.PeakResidentBytes, hostLast);

    public long HostLastBytes
    {
        get
        {
            lock (gate)
            {
                return hostLast;
            }
        }
    }

    public int ExtractorsSeen
    {
        get
        {
            lock (gate)
            {
                return extractors.Count;
            }
        }
    }

    public long ExtractorPeakBytes
    {
        get
        {
            lock (gate)
            {
                return extractorPeak;
            }
        }
    }

    /// <summary>The distinct data-size limits the extractors ran under (unlimited ones as long.MaxValue).</summary>
    public IReadOnlyList<long> ExtractorLimits
    {
        get
        {
            lock (gate)
            {
                return [.. limits];
            }
        }
    }

    public void Sample()
    {
        if (host.HasExited)
        {
            return;
        }

        var resident = host.ResidentBytes;
        var children = host.Children();
        lock (gate)
        {
            hostLast = resident;
            foreach (var (id, bytes, limit) in children)
            {
                extractors.Add(id);
                limits.Add(limit ?? long.MaxValue);
                extractorPeak = Math.Max(extractorPeak, bytes);
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        try
        {
            sampling.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
