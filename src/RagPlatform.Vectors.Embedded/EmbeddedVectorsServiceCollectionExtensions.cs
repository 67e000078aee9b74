using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Vectors.Embedded;

public static class EmbeddedVectorsServiceCollectionExtensions
{
    /// <summary>The server-less vector engine: vectors persisted in files under the data folder's
    /// vectors/ and searched from this process's memory. It needs the SQLite file of
    /// <see cref="SqliteMetadataServiceCollectionExtensions.AddSqliteMetadata"/>: it reads each
    /// document's collection there, and imports vectors an older build kept there. Registers
    /// <see cref="IVectorIndex"/> (CLIP) and <see cref="ITextVectorIndex"/> (text space) as
    /// singletons, and loads the CLIP vectors in the background at start.</summary>
    public static IServiceCollection AddEmbeddedVectors(this IServiceCollection services)
    {
        services.AddStorageOptions();
        services.TryAddSingleton<SqliteDatabase>();
        services.AddSingleton<EmbeddedVectorIndex>();
        services.AddSingleton<IVectorIndex>(provider => provider.GetRequiredService<EmbeddedVectorIndex>());
        services.AddSingleton<ITextVectorIndex, EmbeddedTextVectorIndex>();
        services.AddHostedService<EmbeddedVectorsWarmUp>();
        return services;
    }
}
