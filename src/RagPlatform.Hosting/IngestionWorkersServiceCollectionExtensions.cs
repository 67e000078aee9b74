using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Hosting;

public static class IngestionWorkersServiceCollectionExtensions
{
    /// <summary>Runs ingestion workers in this process (count from <see cref="IngestionOptions.Workers"/>),
    /// and the pruning of the deletion fence's tombstones (<see cref="DeletionTombstonePruning"/>),
    /// which runs even with no workers: an API that only serves still deletes.</summary>
    public static IServiceCollection AddIngestionWorkers(this IServiceCollection services)
    {
        services.AddHostedService<IngestionWorkerService>();
        services.AddHostedService<DeletionTombstonePruning>();
        return services;
    }
}
