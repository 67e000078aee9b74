using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Postgres;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Infrastructure.Tests.Postgres;

public sealed class PostgresMigratorTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase? _database;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await server.CreateEmptyDatabaseAsync(Token);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_run_applies_nothing_and_changes_nothing()
    {
        var migrator = new PostgresMigrator(_database!.OpenDataSource(), NullLogger<PostgresMigrator>.Instance);

        var first = await migrator.MigrateAsync(Token);
        var recorded = await ReadMigrationsAsync();
        var second = await migrator.MigrateAsync(Token);

        Assert.Equal(Enumerable.Range(1, PostgresMigrator.LatestVersion), first);
        Assert.Empty(second);
        Assert.Equal(recorded, await ReadMigrationsAsync());
    }

    [Fact]
    public async Task Processes_starting_together_apply_each_step_once()
    {
        var migrators = Enumerable.Range(0, 4)
            .Select(_ => new PostgresMigrator(_database!.OpenDataSource(), NullLogger<PostgresMigrator>.Instance))
            .ToList();

        var applied = await Task.WhenAll(migrators.Select(m => Task.Run(() => m.MigrateAsync(Token), Token)));

        Assert.Equal(Enumerable.Range(1, PostgresMigrator.LatestVersion), applied.SelectMany(versions => versions).Order());
        Assert.Equal(PostgresMigrator.LatestVersion, (await ReadMigrationsAsync()).Count);
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_stops_the_migration_naming_both_versions()
    {
        var migrator = new PostgresMigrator(_database!.OpenDataSource(), NullLogger<PostgresMigrator>.Instance);
        await migrator.MigrateAsync(Token);
        await using (var command = _database.OpenDataSource().CreateCommand("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')"))
        {
            await command.ExecuteNonQueryAsync(Token);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(Token));

        Assert.Contains("999", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({PostgresMigrator.LatestVersion})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_host_migrates_and_every_port_is_one_shared_instance()
    {
        using var host = BuildHost(_database!.ConnectionString);

        await host.StartAsync(Token);

        var services = host.Services;
        Assert.Same(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<IDocumentStore>());
        Assert.Same(services.GetRequiredService<IJobQueue>(), services.GetRequiredService<IJobQueue>());
        Assert.Same(services.GetRequiredService<ILexicalIndex>(), services.GetRequiredService<ILexicalIndex>());
        Assert.Same(services.GetRequiredService<IConversationStore>(), services.GetRequiredService<IConversationStore>());
        Assert.Equal(PostgresMigrator.LatestVersion, (await ReadMigrationsAsync()).Count);
        await services.GetRequiredService<IJobQueue>().EnqueueAsync(Guid.NewGuid(), Token);
        Assert.Equal(1, await services.GetRequiredService<IJobQueue>().CountAsync(Token));

        await host.StopAsync(Token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Host=;Database=x")]
    [InlineData("Nonsense Key=1")]
    public async Task A_missing_or_unusable_connection_string_stops_start_up_naming_the_key(string connectionString)
    {
        using var host = BuildHost(connectionString);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Postgres:ConnectionString", connectionString)]);
        builder.Services.AddLogging();
        builder.Services.AddPostgresMetadata();
        return builder.Build();
    }

    private async Task<List<(int Version, string Name, DateTime AppliedAt)>> ReadMigrationsAsync()
    {
        await using var command = _database!.OpenDataSource().CreateCommand("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<(int, string, DateTime)>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetDateTime(2)));
        }

        return rows;
    }
}
