using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.TextEmbeddings;

public static class TextEmbeddingServiceCollectionExtensions
{
    /// <summary>Registers the optional text space: its sentence encoder (<see cref="ITextEncoder"/>)
    /// with options from the <c>Embeddings:Text</c> section, <see cref="TextSpace"/> over it and the
    /// <see cref="ITextVectorIndex"/> that the storage registers, and a start-up check that loads the
    /// model when one is configured (or logs once why it cannot).</summary>
    public static IServiceCollection AddTextEmbeddings(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TextEmbeddingOptions>().BindConfiguration(TextEmbeddingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TextEmbeddingOptions>>().Value;
            var folder = string.IsNullOrWhiteSpace(options.ModelDirectory)
                ? null
                : new BertModelFolder(ModelPathBases.ResolveFolder(options.ModelDirectory, ModelPathBases.For(provider)));
            return new OnnxTextEncoder(folder, options, provider.GetRequiredService<ILogger<OnnxTextEncoder>>());
        });
        services.AddSingleton<ITextEncoder>(provider => provider.GetRequiredService<OnnxTextEncoder>());
        services.AddSingleton<TextSpace>();
        services.AddModelWarmUp<ITextEncoder>(encoder => encoder.IsAvailable);
        return services;
    }
}
