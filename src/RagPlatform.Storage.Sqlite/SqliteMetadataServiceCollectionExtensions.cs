using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;

namespace RagPlatform.Storage.Sqlite;

public static class SqliteMetadataServiceCollectionExtensions
{
    /// <summary>The server-less metadata engine: one SQLite file under Storage:DataDirectory holding
    /// documents, pages and items (<see cref="IDocumentStore"/>, with the deletion fence's
    /// <see cref="IDeletionTombstones"/>), the job queue (<see cref="IJobQueue"/>),
    /// the FTS5 lexical index (<see cref="ILexicalIndex"/>) and conversations
    /// (<see cref="IConversationStore"/>), all singletons, and a start-up step that migrates the file
    /// before the host serves (a file it cannot migrate stops the start with the reason).</summary>
    public static IServiceCollection AddSqliteMetadata(this IServiceCollection services)
    {
        services.AddStorageOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabase>();
        services.AddSingleton<IDocumentStore, SqliteDocumentStore>();
        services.AddSingleton<IDeletionTombstones, SqliteDeletionTombstones>();
        services.AddSingleton<IJobQueue, SqliteJobQueue>();
        services.AddSingleton<ILexicalIndex, SqliteLexicalIndex>();
        services.AddSingleton<IConversationStore, SqliteConversationStore>();
        services.AddHostedService<SqliteMigrationStartup>();
        return services;
    }
}
