using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Loads the vector index in the background at start so that the first search does not
/// pay for it. A search arriving earlier simply waits for the load.</summary>
internal sealed class EmbeddedVectorsWarmUp(
    EmbeddedVectorIndex vectorIndex,
    ILogger<EmbeddedVectorsWarmUp> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _warmUp = Task.CompletedTask;
    private bool _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _warmUp = WarmUpAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host torn down before it stopped cleanly (a test factory, a failed start) may dispose
        // this service first: then there is nothing left to stop.
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _warmUp.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _disposed = true;
        _stopping.Dispose();
    }

    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await vectorIndex.InitializeAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed warm-up must not crash the host: the first search retries and reports.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EmbeddedVectorsLog.WarmUpFailed(logger, ex);
        }
    }
}
