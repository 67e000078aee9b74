using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Hosting;

/// <summary>Composition of the platform for its hosts (API, ingest worker, tests).</summary>
public static class PlatformServiceCollectionExtensions
{
    /// <summary>The use cases of Core and their settings, without any adapter.</summary>
    public static IServiceCollection AddRagPlatformCore(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IngestionSignal>();
        services.AddSingleton<TextChunker>();
        services.AddSingleton<ImageTextReader>();
        services.AddSingleton<PageIndexer>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<DocumentDeletion>();
        services.AddSingleton<DocumentReindexing>();
        services.AddSingleton<IDenseScoreCalibrator, CollectionDenseScoreCalibrator>();
        services.AddSingleton<SearchService>();
        return services;
    }

    /// <summary>Runs ingestion workers in this process (count from <see cref="IngestionOptions.Workers"/>).</summary>
    public static IServiceCollection AddIngestionWorkers(this IServiceCollection services)
    {
        services.AddHostedService<IngestionWorkerService>();
        return services;
    }
}
