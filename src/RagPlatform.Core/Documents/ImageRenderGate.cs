namespace RagPlatform.Core.Documents;

/// <summary>Lets at most <see cref="ImagesOptions.MaxConcurrentRenders"/> image renders run at once:
/// a render of a 100-megapixel original holds a core and tens of MB, so unbounded ones starve the
/// process. A waiting caller whose token is cancelled stops waiting; a started render runs to its
/// end (or to its own cancellation point) before its slot is free again. The counters let tests
/// and diagnostics see the bound hold.</summary>
public sealed class ImageRenderGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private int _running;
    private int _waiting;
    private int _peakRunning;
    private long _completed;

    public ImageRenderGate(Microsoft.Extensions.Options.IOptions<ImagesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Limit = options.Value.MaxConcurrentRenders;
        _slots = new SemaphoreSlim(Limit, Limit);
    }

    public int Limit { get; }

    /// <summary>Renders running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Callers waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Most renders that ran at once since start.</summary>
    public int PeakRunning => Volatile.Read(ref _peakRunning);

    /// <summary>Renders finished (or failed) since start.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> render, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(render);
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _peakRunning, running);
        try
        {
            return await render(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _completed);
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
