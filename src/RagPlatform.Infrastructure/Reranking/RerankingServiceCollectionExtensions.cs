using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Reranking;

public static class RerankingServiceCollectionExtensions
{
    /// <summary>Registers the optional cross-encoder re-ranker (<see cref="IReranker"/>) with options
    /// from the <c>Reranking</c> section, and a start-up check that loads the model when one is
    /// configured (or logs once why it cannot).</summary>
    public static IServiceCollection AddReranking(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RerankingOptions>().BindConfiguration(RerankingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RerankingOptions>>().Value;
            var folder = string.IsNullOrWhiteSpace(options.ModelDirectory)
                ? null
                : new BertModelFolder(ModelPathBases.ResolveFolder(options.ModelDirectory, ModelPathBases.For(provider)));
            return new OnnxCrossEncoderReranker(folder, options, provider.GetRequiredService<ILogger<OnnxCrossEncoderReranker>>());
        });
        services.AddSingleton<IReranker>(provider => provider.GetRequiredService<OnnxCrossEncoderReranker>());
        services.AddModelWarmUp<IReranker>(reranker => reranker.IsEnabled);
        return services;
    }
}
