using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Hosting;

/// <summary>Prunes the deletion fence's tombstones every <see cref="IngestionOptions.TombstoneGrace"/>:
/// those whose delete finished and whose fence settled (deletion, and the lease a worker then held)
/// at least that long ago (<see cref="IDeletionTombstones.PruneAsync"/>). Every host runs it; several
/// at once only delete the same rows twice. A tombstone thus lives between one and two grace periods
/// past its settling.</summary>
internal sealed partial class DeletionTombstonePruning(
    IDeletionTombstones tombstones,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<DeletionTombstonePruning> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grace = options.Value.TombstoneGrace;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Waiting first leaves the start to migrations and the first requests.
                await Task.Delay(grace, time, stoppingToken);
                await PruneOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be down or the disk full: tombstones only wait for the next round.
                LogPruneFailed(ex);
            }
        }
    }

    /// <summary>One round: prunes what settled a grace period before now.</summary>
    internal async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var pruned = await tombstones.PruneAsync(time.GetUtcNow() - options.Value.TombstoneGrace, cancellationToken);
        if (pruned > 0)
        {
            LogPruned(pruned);
        }

        return pruned;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} tombstones of deleted documents")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the tombstones of deleted documents failed; it is tried again after the grace period")]
    private partial void LogPruneFailed(Exception exception);
}
