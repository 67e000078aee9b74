using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pgvector;
using RagPlatform.Core.Search;
using RagPlatform.Vectors.PgVector;

namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>Looks at one test's schema from the side: its catalog, and the index's own search
/// statements run by hand (to EXPLAIN them, or with the planner's choices narrowed).</summary>
internal sealed class PgVectorSchemaProbe(PgVectorServerFixture server, string schema)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async Task<PgVectorDatabase> ReadyDatabaseAsync()
    {
        var database = new PgVectorDatabase(server.DataSource, schema, NullLogger.Instance);
        await database.EnsureReadyAsync(Token);
        return database;
    }

    public async Task<string> ExplainAsync(float[] query, int limit, SearchFilter filter, int efSearch, bool forceIndex, bool? iterativeScan = null) =>
        string.Join('\n', (await RunSearchAsync(query, limit, filter, efSearch, forceIndex, explain: true, iterativeScan)).Select(row => (string)row[0]));

    /// <summary>The statements <see cref="PgVectorIndex.SearchAsync"/> runs, settings included; with
    /// <paramref name="forceIndex"/>, sequential and bitmap scans are priced out first;
    /// <paramref name="iterativeScan"/> overrides what the server's pgvector offers.</summary>
    public async Task<List<object[]>> RunSearchAsync(float[] query, int limit, SearchFilter filter, int efSearch, bool forceIndex, bool explain, bool? iterativeScan = null)
    {
        var database = await ReadyDatabaseAsync();
        var table = new PgVectorTable(database, PgVectorTable.Clip, NullLogger.Instance);
        var plan = PgVectorSearchPlan.For(limit, filter, iterativeScan ?? database.HasIterativeScan, efSearch);
        await using var connection = await server.DataSource.OpenConnectionAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        await using var batch = PgVectorSearchSql.Build(table, new Vector(query), limit, filter, plan);
        var search = batch.BatchCommands[^1];
        search.CommandText = (explain ? "EXPLAIN " : "") + search.CommandText;
        if (forceIndex)
        {
            batch.BatchCommands.Insert(0, new NpgsqlBatchCommand("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)"));
        }

        batch.Connection = connection;
        batch.Transaction = transaction;
        var rows = new List<object[]>();
        await using var reader = await batch.ExecuteReaderAsync(Token);
        for (var skip = batch.BatchCommands.Count - 1; skip > 0; skip--)
        {
            await reader.NextResultAsync(Token); // past the settings
        }

        while (await reader.ReadAsync(Token))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = server.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Token);
    }

    public async Task<List<string>> IndexDefinitionsAsync(string table)
    {
        await using var command = server.DataSource.CreateCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = @schema AND tablename = @table");
        command.Parameters.Add(new NpgsqlParameter<string>("schema", schema));
        command.Parameters.Add(new NpgsqlParameter<string>("table", table));
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            definitions.Add(reader.GetString(0));
        }

        return definitions;
    }
}
