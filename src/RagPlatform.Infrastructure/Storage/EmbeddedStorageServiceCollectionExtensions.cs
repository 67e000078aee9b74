using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Vectors;

namespace RagPlatform.Infrastructure.Storage;

public static class EmbeddedStorageServiceCollectionExtensions
{
    /// <summary>The server-less storage: one SQLite file (documents, job queue, FTS5 lexical index,
    /// persisted vectors) and a blob folder under Storage:DataDirectory, with the vectors searched
    /// from memory. Registers <see cref="IDocumentStore"/>, <see cref="IJobQueue"/>,
    /// <see cref="ILexicalIndex"/>, <see cref="IVectorIndex"/>, <see cref="ITextVectorIndex"/>, <see cref="IBlobStore"/> and <see cref="IConversationStore"/> as
    /// singletons, and a hosted service that migrates the database at start-up.</summary>
    public static IServiceCollection AddEmbeddedStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging(); // a no-op in hosts, which have it; lets a bare ServiceCollection work

        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<IDocumentStore, SqliteDocumentStore>();
        services.AddSingleton<IJobQueue, SqliteJobQueue>();
        services.AddSingleton<ILexicalIndex, SqliteLexicalIndex>();
        services.AddSingleton<IBlobStore, FileSystemBlobStore>();
        services.AddSingleton<IStorageReserve, FileStorageReserve>();
        services.AddSingleton<IConversationStore, SqliteConversationStore>();
        services.AddSingleton<EmbeddedVectorIndex>();
        services.AddSingleton<IVectorIndex>(provider => provider.GetRequiredService<EmbeddedVectorIndex>());
        services.AddSingleton<ITextVectorIndex, EmbeddedTextVectorIndex>();
        services.AddHostedService<EmbeddedStorageStartup>();
        return services;
    }
}
