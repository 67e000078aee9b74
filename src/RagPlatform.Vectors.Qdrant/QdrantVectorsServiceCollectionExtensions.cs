using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.Qdrant;

public static class QdrantVectorsServiceCollectionExtensions
{
    /// <summary>The vector ports on a Qdrant server (the "Qdrant" section, validated at start):
    /// <see cref="IVectorIndex"/> (CLIP's space) and <see cref="ITextVectorIndex"/> (the text
    /// space) as singletons sharing one <see cref="QdrantConnection"/>. Nothing else: documents,
    /// queue and lexical index come from the host's storage choice.</summary>
    public static IServiceCollection AddQdrantVectors(this IServiceCollection services)
    {
        services.AddOptions<QdrantOptions>()
            .BindConfiguration(QdrantOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(provider => new QdrantConnection(Options(provider), Loggers(provider)));
        services.AddSingleton<IVectorIndex>(provider => new QdrantVectorIndex(
            provider.GetRequiredService<QdrantConnection>(),
            QdrantSpace.Clip(Options(provider).CollectionPrefix),
            Loggers(provider).CreateLogger<QdrantVectorIndex>()));
        services.AddSingleton<ITextVectorIndex>(provider => new QdrantTextVectorIndex(
            provider.GetRequiredService<QdrantConnection>(),
            QdrantSpace.Text(Options(provider).CollectionPrefix),
            Loggers(provider).CreateLogger<QdrantVectorIndex>()));
        return services;
    }

    private static QdrantOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<QdrantOptions>>().Value;

    /// <summary>Hosts register logging; a bare service collection (a tool, a test) logs nowhere.</summary>
    private static ILoggerFactory Loggers(IServiceProvider provider) => provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
