using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Infrastructure.Storage;

namespace RagPlatform.Infrastructure.Hosting;

/// <summary>The platform on one machine with no servers: SQLite, blob folder, in-memory vectors.</summary>
public static class EmbeddedPlatformServiceCollectionExtensions
{
    public static IServiceCollection AddEmbeddedPlatform(this IServiceCollection services)
    {
        services.AddRagPlatformCore();
        services.AddEmbeddedStorage();
        return services;
    }
}
