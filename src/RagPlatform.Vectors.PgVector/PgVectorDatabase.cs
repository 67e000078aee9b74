using Microsoft.Extensions.Logging;
using Npgsql;

namespace RagPlatform.Vectors.PgVector;

/// <summary>The PostgreSQL server both vector indexes share: the connection pool, the schema their
/// tables live in, and what the server's pgvector can do. The <c>vector</c> extension is created
/// on first use (not at start-up, so a host starts while the database is still coming up).</summary>
internal sealed class PgVectorDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>Key of the advisory lock that serialises this adapter's DDL across processes (an API
    /// and a worker starting together): concurrent CREATE … IF NOT EXISTS can still collide.</summary>
    internal const long SchemaLockKey = 0x5261_6750_6756_6563; // "RagPgVec"

    /// <summary>pgvector 0.8.0 added iterative index scans (<c>hnsw.iterative_scan</c>).</summary>
    private static readonly Version IterativeScanSince = new(0, 8, 0);

    private readonly ILogger _logger;
    private readonly SemaphoreSlim _readyGate = new(1, 1);
    private volatile bool _ready;

    public PgVectorDatabase(NpgsqlDataSource dataSource, string schema, ILogger logger)
    {
        DataSource = dataSource;
        Schema = schema;
        _logger = logger;
    }

    public NpgsqlDataSource DataSource { get; }

    public string Schema { get; }

    /// <summary>Whether pgvector can continue an HNSW scan until a filtered search has its k hits
    /// (0.8+). Without it, filtered searches scan exactly. Valid after <see cref="EnsureReadyAsync"/>.</summary>
    public bool HasIterativeScan { get; private set; }

    /// <summary>A data source that maps pgvector's types (<c>vector</c> ↔ <see cref="Pgvector.Vector"/>).</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, ILoggerFactory loggerFactory)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        builder.UseLoggerFactory(loggerFactory);
        return builder.Build();
    }

    /// <summary>Creates the extension when missing and learns its version; once per process.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _readyGate.WaitAsync(cancellationToken);
        try
        {
            if (_ready)
            {
                return;
            }

            var version = await ReadExtensionVersionAsync(cancellationToken) ?? await CreateExtensionAsync(cancellationToken);
            // The pool may have learnt the server's types before the extension existed (created
            // here or by another process): without a reload, a Vector parameter would find no
            // PostgreSQL type to map to.
            await DataSource.ReloadTypesAsync(cancellationToken);

            HasIterativeScan = version >= IterativeScanSince;
            if (!HasIterativeScan)
            {
                PgVectorLog.NoIterativeScan(_logger, version);
            }

            _ready = true;
        }
        finally
        {
            _readyGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        _readyGate.Dispose();
    }

    public void Dispose()
    {
        DataSource.Dispose();
        _readyGate.Dispose();
    }

    private async Task<Version?> ReadExtensionVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
        return ParseVersion(await command.ExecuteScalarAsync(cancellationToken) as string);
    }

    private async Task<Version> CreateExtensionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey}); CREATE EXTENSION IF NOT EXISTS vector", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = new NpgsqlCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'", connection, transaction);
        var version = ParseVersion(await read.ExecuteScalarAsync(cancellationToken) as string)
            ?? throw new InvalidOperationException("CREATE EXTENSION vector succeeded but pg_extension does not list it.");
        await transaction.CommitAsync(cancellationToken);
        PgVectorLog.ExtensionCreated(_logger, version);
        return version;
    }

    /// <summary>"0.8.0" → 0.8.0; pre-release suffixes ("0.9.0-dev") are dropped.</summary>
    internal static Version? ParseVersion(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var numeric = new string([.. text.TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]);
        return Version.TryParse(numeric.Contains('.', StringComparison.Ordinal) ? numeric : numeric + ".0", out var version) ? version : new Version(0, 0);
    }
}
