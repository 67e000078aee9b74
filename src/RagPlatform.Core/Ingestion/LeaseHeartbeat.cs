namespace RagPlatform.Core.Ingestion;

/// <summary>Keeps a job's lease alive while a worker processes it. When a renewal is refused (the
/// lease expired and another worker took the job, or the document was deleted) it cancels
/// <see cref="Token"/>, so the worker stops before it writes over someone else's work.</summary>
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource cancellation;
    private readonly Task loop;

    private LeaseHeartbeat(IJobQueue queue, IngestionJob job, TimeSpan lease, TimeProvider time, CancellationToken stopping)
    {
        cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        loop = RenewUntilStoppedAsync(queue, job, lease, time);
    }

    public CancellationToken Token => cancellation.Token;

    public bool LeaseLost { get; private set; }

    public static LeaseHeartbeat Start(IJobQueue queue, IngestionJob job, TimeSpan lease, TimeProvider time, CancellationToken stopping) =>
        new(queue, job, lease, time, stopping);

    public async ValueTask DisposeAsync()
    {
        await cancellation.CancelAsync();
        await loop;
        cancellation.Dispose();
    }

    private async Task RenewUntilStoppedAsync(IJobQueue queue, IngestionJob job, TimeSpan lease, TimeProvider time)
    {
        // Renewing three times per lease leaves two chances to fail before the lease runs out.
        var interval = lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, cancellation.Token);
                if (!await queue.RenewLeaseAsync(job, lease, cancellation.Token))
                {
                    LeaseLost = true;
                    await cancellation.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Processing finished or the host is stopping.
        }
    }
}
