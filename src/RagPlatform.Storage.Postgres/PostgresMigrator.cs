using Microsoft.Extensions.Logging;
using Npgsql;

namespace RagPlatform.Storage.Postgres;

/// <summary>Brings the database's schema to the latest version, step by step. Each step runs in a
/// transaction of its own that first takes a transaction-level advisory lock, then checks
/// schema_migrations: two processes starting together take turns, and the second finds the steps
/// done. Run at start-up by <see cref="PostgresMigrationService"/>; safe to run again at any time.</summary>
public sealed class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator> logger)
{
    /// <summary>The advisory lock every RagPlatform process takes to change the schema ("RAGSCHEM").</summary>
    private const long SchemaLock = 0x5241_4753_4348_454D;

    /// <summary>The version this build brings a database to.</summary>
    public static int LatestVersion => PostgresMigrations.LatestVersion;

    /// <summary>Applies the steps the database lacks; returns their versions (none when it was current).</summary>
    /// <exception cref="InvalidOperationException">The server cannot be reached, the schema is newer
    /// than this build knows, or a step failed (it left nothing behind: its transaction rolled back).</exception>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var database = connection.Database;
        var applied = new List<int>();

        await using (var setup = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can both try to create it.
            await LockAsync(connection, setup, cancellationToken);
            await using var create = connection.CreateCommand(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                setup);
            await create.ExecuteNonQueryAsync(cancellationToken);
            var current = await ReadVersionAsync(connection, setup, cancellationToken);
            if (current > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database {database} has schema version {current}, newer than this build knows ({LatestVersion}). Run a newer RagPlatform or point Postgres:ConnectionString elsewhere.");
            }

            await setup.CommitAsync(cancellationToken);
        }

        foreach (var migration in PostgresMigrations.All)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockAsync(connection, transaction, cancellationToken);
            if (await IsAppliedAsync(connection, transaction, migration.Version, cancellationToken))
            {
                continue; // disposing rolls back the empty transaction and frees the lock
            }

            try
            {
                await using (var step = connection.CreateCommand(migration.Sql, transaction))
                {
                    await step.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var record = connection.CreateCommand("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", transaction)
                    .With("version", migration.Version)
                    .With("name", migration.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (PostgresException ex)
            {
                throw new InvalidOperationException(
                    $"Schema migration {migration.Version} ({migration.Name}) failed on PostgreSQL database {database}: {ex.MessageText}", ex);
            }

            applied.Add(migration.Version);
            PostgresLog.MigrationApplied(logger, migration.Version, migration.Name, database);
        }

        PostgresLog.SchemaCurrent(logger, database, LatestVersion);
        return applied;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new InvalidOperationException(
                $"Cannot connect to PostgreSQL database {target.Database} on {target.Host}:{target.Port} (Postgres:ConnectionString): {ex.Message}", ex);
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT pg_advisory_xact_lock(@key)", transaction).With("key", SchemaLock);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", transaction);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> IsAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = @version)", transaction)
            .With("version", version);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
