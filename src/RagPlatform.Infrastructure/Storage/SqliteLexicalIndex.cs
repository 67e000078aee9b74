using Microsoft.Data.Sqlite;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Storage;

/// <summary>BM25 full-text search on SQLite FTS5. Queries are OR over the user's words, each quoted
/// (see <see cref="Fts5Text"/>): an entry matching more of them, or rarer ones, ranks higher.</summary>
internal sealed class SqliteLexicalIndex(SqliteDatabase database) : ILexicalIndex
{
    /// <summary>Tokens of context a snippet shows around the matches (FTS5 allows up to 64).</summary>
    private const int SnippetTokens = 24;

    public async Task IndexAsync(IReadOnlyList<LexicalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        // The UPDATE branch fires the update trigger, which swaps the item's old tokens for new ones.
        await using var upsert = connection.CreateCommand(transaction, """
            INSERT INTO lexical_entries (item_id, document_id, modality, text) VALUES (@item, @document, @modality, @text)
            ON CONFLICT (item_id) DO UPDATE SET
                document_id = excluded.document_id, modality = excluded.modality, text = excluded.text
            """);
        foreach (var name in new[] { "@item", "@document", "@modality", "@text" })
        {
            upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        foreach (var entry in entries)
        {
            upsert.Parameters["@item"].Value = SqliteCommandExtensions.ToDbValue(entry.ItemId);
            upsert.Parameters["@document"].Value = SqliteCommandExtensions.ToDbValue(entry.DocumentId);
            upsert.Parameters["@modality"].Value = entry.Modality.ToString();
            upsert.Parameters["@text"].Value = Fts5Text.ToIndexedText(entry.Text);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LexicalHit>> SearchAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var match = Fts5Text.ToMatchExpression(query);
        if (match is null || limit == 0)
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // bm25() is lower-is-better; the port's score is higher-is-better. A NULL filter parameter
        // means "no restriction", so the statement text never changes. The collection is applied
        // here, before LIMIT, through the documents table (one index lookup per matching entry).
        await using var command = connection.CreateCommand(null, $"""
            SELECT e.item_id, e.document_id, e.modality, -bm25(lexical_fts) AS score,
                   snippet(lexical_fts, 0, '«', '»', '…', {SnippetTokens})
            FROM lexical_fts JOIN lexical_entries AS e ON e.id = lexical_fts.rowid
            WHERE lexical_fts MATCH @match
              AND (@modalities IS NULL OR e.modality IN (SELECT value FROM json_each(@modalities)))
              AND (@documents IS NULL OR e.document_id IN (SELECT unhex(value) FROM json_each(@documents)))
              AND (@collection IS NULL OR e.document_id IN (SELECT id FROM documents WHERE collection = @collection))
            ORDER BY bm25(lexical_fts), e.id
            LIMIT @limit
            """)
            .With("@match", match)
            .With("@collection", filter.Collection)
            .With("@limit", limit);
        if (filter.Modalities.Count > 0)
        {
            command.WithNameSet("@modalities", filter.Modalities);
        }
        else
        {
            command.With("@modalities", null);
        }

        if (filter.DocumentIds.Count > 0)
        {
            command.WithGuidSet("@documents", filter.DocumentIds);
        }
        else
        {
            command.With("@documents", null);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<LexicalHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LexicalHit(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetEnum<Modality>(2),
                reader.GetDouble(3),
                Fts5Text.ToDisplayText(reader.GetString(4))));
        }

        return hits;
    }

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // The delete trigger removes each entry's tokens from the FTS index.
        await using var command = connection.CreateCommand(null, "DELETE FROM lexical_entries WHERE document_id = @document")
            .With("@document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
