using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.PgVector;

public static class PgVectorServiceCollectionExtensions
{
    /// <summary>The vectors in PostgreSQL with pgvector ("server mode"): registers
    /// <see cref="IVectorIndex"/> (table clip_vectors) and <see cref="ITextVectorIndex"/> (table
    /// text_vectors) as singletons over one connection pool, configured by the "PgVector" section
    /// (<see cref="PgVectorOptions"/>; its ConnectionString falls back to
    /// <c>Postgres:ConnectionString</c>) and validated at start. The extension, schema and tables
    /// are created on first use.</summary>
    public static IServiceCollection AddPgVectorVectors(this IServiceCollection services)
    {
        services.AddOptions<PgVectorOptions>()
            .BindConfiguration(PgVectorOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    options.ConnectionString = configuration[PgVectorOptions.FallbackConnectionStringKey];
                }
            })
            .ValidateDataAnnotations()
            .Validate(options => ConnectionStringProblem(options.ConnectionString) is null, ConnectionStringMessage)
            .ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PgVectorOptions>>().Value;
            var loggers = Loggers(provider);
            return new PgVectorDatabase(
                PgVectorDatabase.CreateDataSource(options.ConnectionString!, loggers), options.Schema, loggers.CreateLogger<PgVectorDatabase>());
        });
        services.AddSingleton<IVectorIndex>(provider => Index(provider, PgVectorTable.Clip));
        services.AddSingleton<ITextVectorIndex>(provider => Index(provider, PgVectorTable.Text));
        return services;
    }

    private static PgVectorIndex Index(IServiceProvider provider, string table) => new(
        provider.GetRequiredService<PgVectorDatabase>(), table, provider.GetRequiredService<IOptions<PgVectorOptions>>(), Loggers(provider).CreateLogger<PgVectorIndex>());

    /// <summary>The host's loggers; none in a bare service collection.</summary>
    private static ILoggerFactory Loggers(IServiceProvider provider) => provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;

    private const string ConnectionStringMessage =
        "PgVector:ConnectionString (or, when it is empty, Postgres:ConnectionString) must be an Npgsql connection string such as \"Host=localhost;Database=rag;Username=rag;Password=…\".";

    /// <summary>Why the connection string is unusable, or null when it parses.</summary>
    internal static string? ConnectionStringProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "missing";
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }
}
