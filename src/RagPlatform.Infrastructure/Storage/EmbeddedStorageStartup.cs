using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Vectors;

namespace RagPlatform.Infrastructure.Storage;

/// <summary>Applies the schema migrations before the host starts serving (a database it cannot
/// migrate stops start-up with the reason), then loads the vector index in the background so that
/// the first search does not pay for it. A search arriving earlier simply waits for the load.</summary>
internal sealed class EmbeddedStorageStartup(
    SqliteDatabase database,
    EmbeddedVectorIndex vectorIndex,
    IStorageReserve reserve,
    ILogger<EmbeddedStorageStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _warmUp = Task.CompletedTask;
    private bool _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await reserve.RestoreAsync(cancellationToken);
        _warmUp = WarmUpAsync(_stopping.Token);
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
            StorageLog.VectorWarmUpFailed(logger, ex);
        }
    }
}
