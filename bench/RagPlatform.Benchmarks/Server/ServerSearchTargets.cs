using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.QdrantWire;
using RagPlatform.Storage.Postgres;
using RagPlatform.Storage.Sqlite;
using RagPlatform.TestServers.Pglite;
using RagPlatform.TestServers.Postgres;
using RagPlatform.Vectors.Embedded;
using RagPlatform.Vectors.PgVector;
using RagPlatform.Vectors.Qdrant;

namespace RagPlatform.Benchmarks.Server;

/// <summary>The engines the `server-search` suite measures, each started fresh with its own data
/// (--lexical and --vector-targets select some). A real Qdrant and a real pgvector server join when
/// <see cref="QdrantUrlVariable"/> and <see cref="PgVectorVariable"/> name them.</summary>
internal sealed class ServerSearchTargets(PostgresServer postgres)
{
    public const string QdrantUrlVariable = "RAG_BENCH_QDRANT_URL";
    public const string QdrantApiKeyVariable = "RAG_BENCH_QDRANT_API_KEY";
    public const string PgVectorVariable = "RAG_BENCH_PGVECTOR";

    private static readonly string? QdrantUrl = Environment.GetEnvironmentVariable(QdrantUrlVariable);
    private static readonly string? PgVectorConnection = Environment.GetEnvironmentVariable(PgVectorVariable);

    private static string PostgresEngine =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.ExternalServerVariable))
            ? "PostgreSQL 15 tsvector + GIN, BM25 in SQL (local throw-away server: fsync off, default memory settings)"
            : $"PostgreSQL tsvector + GIN, BM25 in SQL (the server {PostgresServer.ExternalServerVariable} names)";

    public IReadOnlyList<ServerLexicalTarget> Lexical() =>
    [
        new("sqlite", "SQLite FTS5, BM25 (embedded file, in this process)", token => SqliteAsync(token)),
        new("postgres", PostgresEngine, PostgresAsync, (host, token) => AnalyzeAsync(Setting(host, "Postgres:ConnectionString"), token)),
    ];

    /// <param name="pgliteItems">At most this many vectors on PGlite, whose HNSW inserts run in WebAssembly.</param>
    public static IReadOnlyList<ServerVectorTarget> Vectors(int pgliteItems)
    {
        List<ServerVectorTarget> targets =
        [
            new("embedded", "vectors persisted in SQLite, exact SIMD scan from this process's memory", needsDocuments: true,
                token => SqliteAsync(token, services => services.AddEmbeddedVectors())),
            new("pgvector-pglite", "pgvector HNSW on PGlite (PostgreSQL 18 in WebAssembly, one connection; not a tuned server)", needsDocuments: false,
                PgliteAsync, (host, token) => AnalyzeAsync(Setting(host, "PgVector:ConnectionString"), token), pgliteItems),
            new("qdrant-wire", "Qdrant wire test server (in process, brute-force scan; not real Qdrant)", needsDocuments: false, QdrantWireAsync),
        ];
        if (!string.IsNullOrWhiteSpace(PgVectorConnection))
        {
            targets.Add(new("pgvector", $"pgvector HNSW on the server {PgVectorVariable} names", needsDocuments: false,
                PgVectorServerAsync, (host, token) => AnalyzeAsync(Setting(host, "PgVector:ConnectionString"), token)));
        }

        if (!string.IsNullOrWhiteSpace(QdrantUrl))
        {
            targets.Add(new("qdrant", $"Qdrant HNSW on the server {QdrantUrlVariable} names", needsDocuments: false, QdrantServerAsync, WaitUntilIndexedAsync));
        }

        return targets;
    }

    /// <summary>Only the named targets, in catalogue order; all when none is named, none for "none".</summary>
    public static IReadOnlyList<T> Select<T>(IReadOnlyList<T> all, Func<T, string> name, IReadOnlyCollection<string> names, string what)
    {
        if (names.Contains("none", StringComparer.OrdinalIgnoreCase))
        {
            return [];
        }

        var unknown = names.Where(n => !all.Any(target => name(target).Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown {what}: {string.Join(", ", unknown)}. Known here: {string.Join(", ", all.Select(name))}.");
        }

        return names.Count == 0 ? all : [.. all.Where(target => names.Contains(name(target), StringComparer.OrdinalIgnoreCase))];
    }

    private static Task<AdapterHost> SqliteAsync(CancellationToken cancellationToken, Action<IServiceCollection>? more = null)
    {
        var folder = Path.Combine(BenchPaths.RepositoryRoot, "artifacts", "bench-tmp", $"server-search-{Guid.NewGuid():N}");
        return AdapterHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder },
            services =>
            {
                services.AddSqliteMetadata();
                more?.Invoke(services);
            },
            () =>
            {
                Directory.Delete(folder, recursive: true);
                return ValueTask.CompletedTask;
            },
            cancellationToken);
    }

    private async Task<AdapterHost> PostgresAsync(CancellationToken cancellationToken)
    {
        var database = await postgres.CreateDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return await AdapterHost.StartAsync(
            new Dictionary<string, string?> { ["Postgres:ConnectionString"] = database.ConnectionString },
            services => services.AddPostgresMetadata(),
            database.DisposeAsync,
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AdapterHost> PgliteAsync(CancellationToken cancellationToken)
    {
        var pglite = await PgliteServer.StartAsync().ConfigureAwait(false);
        return await AdapterHost.StartAsync(
            new Dictionary<string, string?> { ["PgVector:ConnectionString"] = pglite.ConnectionString },
            services => services.AddPgVectorVectors(),
            pglite.DisposeAsync,
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AdapterHost> QdrantWireAsync(CancellationToken cancellationToken)
    {
        var server = await QdrantWireServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await AdapterHost.StartAsync(
            new Dictionary<string, string?> { ["Qdrant:Url"] = server.Address.ToString() },
            services => services.AddQdrantVectors(),
            server.DisposeAsync,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tables in a schema of their own, dropped at the end.</summary>
    private static Task<AdapterHost> PgVectorServerAsync(CancellationToken cancellationToken)
    {
        var schema = $"ragbench_{Guid.NewGuid():N}"[..24];
        return AdapterHost.StartAsync(
            new Dictionary<string, string?> { ["PgVector:ConnectionString"] = PgVectorConnection, ["PgVector:Schema"] = schema },
            services => services.AddPgVectorVectors(),
            async () =>
            {
                await using var dataSource = NpgsqlDataSource.Create(PgVectorConnection!);
                await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
                await drop.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Collections under a prefix of their own, deleted at the end.</summary>
    private static Task<AdapterHost> QdrantServerAsync(CancellationToken cancellationToken)
    {
        var prefix = $"ragbench_{Guid.NewGuid():N}"[..24];
        var apiKey = Environment.GetEnvironmentVariable(QdrantApiKeyVariable);
        return AdapterHost.StartAsync(
            new Dictionary<string, string?> { ["Qdrant:Url"] = QdrantUrl, ["Qdrant:ApiKey"] = apiKey, ["Qdrant:CollectionPrefix"] = prefix },
            services => services.AddQdrantVectors(),
            async () =>
            {
                using var client = new QdrantClient(new Uri(QdrantUrl!), apiKey);
                foreach (var space in new[] { QdrantSpace.Clip(prefix), QdrantSpace.Text(prefix) })
                {
                    if (!await client.CollectionExistsAsync(space.Collection).ConfigureAwait(false))
                    {
                        continue; // the text space is never written here
                    }

                    foreach (var alias in await client.ListCollectionAliasesAsync(space.Collection).ConfigureAwait(false))
                    {
                        await client.DeleteAliasAsync(alias).ConfigureAwait(false);
                    }

                    await client.DeleteCollectionAsync(space.Collection).ConfigureAwait(false);
                }
            },
            cancellationToken);
    }

    /// <summary>Qdrant builds its HNSW graph after the upserts return: waits until the collection is green.</summary>
    private static async Task WaitUntilIndexedAsync(AdapterHost host, CancellationToken cancellationToken)
    {
        var client = host.Services.GetRequiredService<QdrantConnection>().Client;
        var collection = QdrantSpace.Clip(Setting(host, "Qdrant:CollectionPrefix")).Collection;
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while ((await client.GetCollectionInfoAsync(collection, cancellationToken).ConfigureAwait(false)).Status != CollectionStatus.Green)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Qdrant did not finish indexing {collection} in 30 minutes.");
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What autovacuum does on a server in steady state (and PGlite, one process, never does).</summary>
    private static async Task AnalyzeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var analyze = dataSource.CreateCommand("ANALYZE");
        await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Setting(AdapterHost host, string key) =>
        host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[key]
        ?? throw new InvalidOperationException($"{key} is not set.");
}
