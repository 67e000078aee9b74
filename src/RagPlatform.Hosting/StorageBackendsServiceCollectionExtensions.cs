using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Postgres;
using RagPlatform.Storage.Sqlite;
using RagPlatform.Vectors.Embedded;
using RagPlatform.Vectors.PgVector;
using RagPlatform.Vectors.Qdrant;

namespace RagPlatform.Hosting;

/// <summary>The one place where a host picks its storage engines from configuration.</summary>
public static class StorageBackendsServiceCollectionExtensions
{
    /// <summary>Registers the blob folder and the engines <c>Storage:Metadata</c> and
    /// <c>Storage:Vectors</c> name (<see cref="StorageOptions"/>). A value that names no engine
    /// registers the default here; the options validation then stops the start naming the key.
    /// Called before any other adapter that starts hosted services: a server's migrations run first.</summary>
    public static IServiceCollection AddStorageBackends(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddFileBlobs();

        switch (Parse(section[nameof(StorageOptions.Metadata)], MetadataBackend.Sqlite))
        {
            case MetadataBackend.Postgres:
                services.AddPostgresMetadata();
                break;
            default:
                services.AddSqliteMetadata();
                break;
        }

        switch (Parse(section[nameof(StorageOptions.Vectors)], VectorBackend.Embedded))
        {
            case VectorBackend.Qdrant:
                services.AddQdrantVectors();
                break;
            case VectorBackend.PgVector:
                services.AddPgVectorVectors();
                break;
            default:
                services.AddEmbeddedVectors();
                break;
        }

        return services;
    }

    private static TBackend Parse<TBackend>(string? value, TBackend fallback)
        where TBackend : struct, Enum =>
        Enum.TryParse<TBackend>(value, ignoreCase: true, out var backend) && Enum.IsDefined(backend) ? backend : fallback;
}
