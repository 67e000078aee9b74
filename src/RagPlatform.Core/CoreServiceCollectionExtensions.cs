using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;

namespace RagPlatform.Core;

/// <summary>Core registers its own use cases; each adapter registers its own port (STYLE.md).</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>The use cases of Core and their settings, without any adapter.</summary>
    public static IServiceCollection AddRagPlatformCore(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestionRuns>();
        services.AddSingleton<StorageSpace>();
        services.AddSingleton<TextChunker>();
        services.AddSingleton<ImageTextReader>();
        services.AddSingleton<PageIndexer>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<DocumentReplacement>();
        services.AddSingleton<DocumentDeletion>();
        services.AddSingleton<CollectionDeletion>();
        services.AddSingleton<DocumentReindexing>();
        services.AddSingleton<IDenseScoreCalibrator, CollectionDenseScoreCalibrator>();
        services.AddSingleton<SearchService>();
        services.AddOptions<ImagesOptions>().BindConfiguration(ImagesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImageRenderGate>();
        services.AddSingleton<DerivedImageCache>();
        services.AddSingleton<ItemImages>();
        services.AddAnswering();
        return services;
    }

    private static void AddAnswering(this IServiceCollection services)
    {
        services.AddOptions<AnsweringOptions>().BindConfiguration(AnsweringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnswerContextBuilder>();
        services.AddSingleton<ClaimSupport>();
        services.AddSingleton<AnswerChecker>();
        services.AddSingleton<ExtractiveAnswer>();
        services.AddSingleton<AnswerService>();
        // One toolbox per agentic answer: it holds that answer's sources and budget.
        services.AddSingleton<Func<SearchFilter, ContextBudget, AgentToolbox>>(provider => (filter, budget) => new AgentToolbox(
            provider.GetRequiredService<SearchService>(),
            provider.GetRequiredService<AnswerContextBuilder>(),
            provider.GetRequiredService<ItemImages>(),
            filter,
            budget,
            provider.GetRequiredService<IOptions<AnsweringOptions>>().Value.MaxImageSide));
    }
}
