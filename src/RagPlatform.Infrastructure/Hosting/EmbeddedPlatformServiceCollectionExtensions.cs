using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Infrastructure.Hosting;

/// <summary>The platform on one machine with no servers: SQLite, blob folder, in-memory vectors.</summary>
public static class EmbeddedPlatformServiceCollectionExtensions
{
    public static IServiceCollection AddEmbeddedPlatform(this IServiceCollection services)
    {
        services.AddRagPlatformCore();
        // Adapters are wired here as they land: storage, vectors, CLIP, extraction.
        return services;
    }
}
