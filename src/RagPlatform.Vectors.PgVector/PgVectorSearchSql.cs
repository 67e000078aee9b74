using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.PgVector;

/// <summary>Builds the statements of one nearest-neighbour search: the transaction-local settings
/// of its <see cref="PgVectorSearchPlan"/>, then the query, with the filter in its WHERE clause so
/// that the index scan (or the exact scan) looks only at allowed rows before it takes k.</summary>
internal static class PgVectorSearchSql
{
    public static NpgsqlBatch Build(PgVectorTable table, Vector query, int limit, SearchFilter filter, PgVectorSearchPlan plan)
    {
        var batch = new NpgsqlBatch();
        batch.BatchCommands.Add(Settings(plan));

        var where = new StringBuilder();
        var search = new NpgsqlBatchCommand();
        search.Parameters.Add(new NpgsqlParameter { ParameterName = "query", Value = query });
        search.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        if (filter.Modalities.Count > 0)
        {
            Append(where, "modality = ANY(@modalities)");
            search.Parameters.Add(new NpgsqlParameter<string[]>("modalities", [.. filter.Modalities.Select(m => m.ToString())]));
        }

        if (filter.DocumentIds.Count > 0)
        {
            Append(where, "document_id = ANY(@documents)");
            search.Parameters.Add(new NpgsqlParameter<Guid[]>("documents", [.. filter.DocumentIds]));
        }

        if (filter.Collection is not null)
        {
            Append(where, "collection = @collection");
            search.Parameters.Add(new NpgsqlParameter<string>("collection", NpgsqlDbType.Text) { TypedValue = filter.Collection });
        }

        // MATERIALIZED keeps the inner ORDER BY … LIMIT (the index scan) intact; the outer sort
        // restores exact order after a relaxed-order iterative scan and breaks ties by item id.
        search.CommandText = $"""
            WITH nearest AS MATERIALIZED (
                SELECT item_id, document_id, modality, embedding <=> @query AS distance
                FROM {table.QualifiedName}{where}
                ORDER BY distance
                LIMIT @limit)
            SELECT item_id, document_id, modality, distance FROM nearest ORDER BY distance, item_id
            """;
        batch.BatchCommands.Add(search);
        return batch;
    }

    private static NpgsqlBatchCommand Settings(PgVectorSearchPlan plan)
    {
        var settings = new StringBuilder("SELECT set_config('hnsw.ef_search', @ef, true)");
        if (plan.IterativeScan)
        {
            settings.Append(", set_config('hnsw.iterative_scan', 'relaxed_order', true)");
        }

        if (plan.ExactScan)
        {
            settings.Append(", set_config('enable_indexscan', 'off', true)");
        }

        var command = new NpgsqlBatchCommand(settings.ToString());
        command.Parameters.Add(new NpgsqlParameter<string>("ef", NpgsqlDbType.Text) { TypedValue = plan.EfSearch.ToString(CultureInfo.InvariantCulture) });
        return command;
    }

    private static void Append(StringBuilder where, string condition) =>
        where.Append(where.Length == 0 ? "\n    WHERE " : " AND ").Append(condition);
}
