using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Hosting;

/// <summary>Runs the configured number of ingestion workers: claim a job, run the pipeline, repeat;
/// sleep until the queue wakes it or the poll interval passes when the queue is empty. The same service runs
/// inside the API host (embedded mode) and in the standalone ingest host.</summary>
internal sealed class IngestionWorkerService(
    IServiceProvider services,
    IJobQueue queue,
    StorageSpace space,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<IngestionWorkerService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(1, options.Value.Workers)
            .Select(n => RunWorkerAsync($"{Environment.MachineName}/{Environment.ProcessId}/{n}", stoppingToken));
        return Task.WhenAll(workers);
    }

    private async Task RunWorkerAsync(string workerId, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var backoff = new WorkerBackoff(workerId, space, time, logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await queue.ClaimNextAsync(workerId, settings.Lease, stoppingToken);
                if (job is null)
                {
                    backoff.Succeeded();
                    await queue.WaitForWorkAsync(TimeSpan.FromMilliseconds(settings.PollMilliseconds), stoppingToken);
                    continue;
                }

                await pipeline.RunAsync(job, stoppingToken);
                backoff.Succeeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store itself failed (disk full, database locked for too long): keep the
                // worker alive and try again after growing pauses rather than spinning.
                await backoff.FailedAsync(ex, stoppingToken);
            }
        }
    }
}
