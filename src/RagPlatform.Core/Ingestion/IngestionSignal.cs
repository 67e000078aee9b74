namespace RagPlatform.Core.Ingestion;

/// <summary>Wakes the workers of this process as soon as a job is queued, instead of at their next
/// poll: the in-process half of <see cref="IJobQueue.WaitForWorkAsync"/> for queue adapters.</summary>
public sealed class IngestionSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0);

    public void Notify()
    {
        // Saturate at one pending wake-up: a burst of uploads must not queue a burst of wake-ups.
        if (semaphore.CurrentCount == 0)
        {
            semaphore.Release();
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => semaphore.Dispose();
}
