using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Hosting;

public static class IngestionWorkersServiceCollectionExtensions
{
    /// <summary>Runs ingestion workers in this process (count from <see cref="IngestionOptions.Workers"/>).</summary>
    public static IServiceCollection AddIngestionWorkers(this IServiceCollection services)
    {
        services.AddHostedService<IngestionWorkerService>();
        return services;
    }
}
