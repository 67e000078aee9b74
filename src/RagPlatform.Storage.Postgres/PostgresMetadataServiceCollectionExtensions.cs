using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Postgres;

public static class PostgresMetadataServiceCollectionExtensions
{
    /// <summary>The metadata on a PostgreSQL server (Postgres:ConnectionString, validated at start):
    /// registers <see cref="IDocumentStore"/> (with <see cref="IDeletionTombstones"/>), <see cref="IJobQueue"/>, <see cref="ILexicalIndex"/> and
    /// <see cref="IConversationStore"/> as singletons over one <see cref="NpgsqlDataSource"/>, and a
    /// hosted service that migrates the schema at start-up (<see cref="PostgresMigrator"/>). Blobs and
    /// vectors are registered elsewhere. Needs logging, which every host has.</summary>
    public static IServiceCollection AddPostgresMetadata(this IServiceCollection services)
    {
        services.AddOptions<PostgresOptions>()
            .BindConfiguration(PostgresOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(provider =>
        {
            var builder = new NpgsqlDataSourceBuilder(provider.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString);
            builder.UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        services.AddSingleton<PostgresMigrator>();
        services.AddHostedService<PostgresMigrationService>();

        services.AddSingleton<IDocumentStore, PostgresDocumentStore>();
        services.AddSingleton<IDeletionTombstones, PostgresDeletionTombstones>();
        services.AddSingleton<IJobQueue, PostgresJobQueue>();
        services.AddSingleton<ILexicalIndex, PostgresLexicalIndex>();
        services.AddSingleton<IConversationStore, PostgresConversationStore>();
        return services;
    }
}
