using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Sqlite;

/// <summary>BM25 full-text search on SQLite FTS5. Queries are OR over the user's terms, each quoted
/// (see <see cref="Fts5Text"/>): an entry matching more of them, or rarer ones, ranks higher.</summary>
/// <remarks>Stemming (migration 9): every entry is indexed twice, as written (lexical_fts) and as
/// porter stems (lexical_stem_fts). An entry's score is its stemmed BM25 plus
/// <see cref="SearchOptions.ExactMatchWeight"/> × its BM25 as written, so "write function" finds
/// "Writing your own functions" and ranks "write a function" above it; a quoted phrase is looked up
/// as written only. Whole pages live in a table of their own (<see cref="SearchPagesAsync"/>).
/// Section headings (migration 11) are scored by stems in a table of their own and reported as
/// <see cref="LexicalHit.HeadingScore"/>, blended in by <see cref="PageRanking"/>.</remarks>
internal sealed class SqliteLexicalIndex(SqliteDatabase database, IOptions<SearchOptions>? options = null) : ILexicalIndex
{
    /// <summary>Tokens of context a snippet shows around the matches (FTS5 allows up to 64).</summary>
    private const int SnippetTokens = 24;

    private readonly SearchOptions _settings = options?.Value ?? new SearchOptions();

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
            INSERT INTO lexical_entries (item_id, document_id, modality, text, fields, headings) VALUES (@item, @document, @modality, @text, @fields, @headings)
            ON CONFLICT (item_id) DO UPDATE SET
                document_id = excluded.document_id, modality = excluded.modality, text = excluded.text, fields = excluded.fields,
                headings = excluded.headings
            """);
        await using var upsertPage = connection.CreateCommand(transaction, """
            INSERT INTO lexical_pages (item_id, document_id, page, text) VALUES (@item, @document, @page, @text)
            ON CONFLICT (item_id) DO UPDATE SET
                document_id = excluded.document_id, page = excluded.page, text = excluded.text
            """);
        foreach (var name in new[] { "@item", "@document", "@modality", "@text", "@fields", "@headings" })
        {
            upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        foreach (var name in new[] { "@item", "@document", "@page", "@text" })
        {
            upsertPage.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        foreach (var entry in entries)
        {
            var command = entry.Modality == Modality.Page ? upsertPage : upsert;
            command.Parameters["@item"].Value = SqliteCommandExtensions.ToDbValue(entry.ItemId);
            command.Parameters["@document"].Value = SqliteCommandExtensions.ToDbValue(entry.DocumentId);
            command.Parameters["@text"].Value = Fts5Text.ToIndexedText(entry.Text);
            if (entry.Modality == Modality.Page)
            {
                command.Parameters["@page"].Value = entry.Page;
            }
            else
            {
                command.Parameters["@modality"].Value = entry.Modality.ToString();
                command.Parameters["@fields"].Value = Fts5Text.ToIndexedText(entry.Fields);
                command.Parameters["@headings"].Value = Fts5Text.ToIndexedText(entry.Headings);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LexicalHit>> SearchAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        if (LexicalQueryTerms.ForSearch(query, limit, filter) is not { } terms)
        {
            return [];
        }

        var match = Fts5Text.ToQuery(terms);

        // A query of quoted phrases only has nothing to look up among stems: an empty list stands in.
        var stemmed = match.Stemmed is null
            ? "SELECT NULL AS id, NULL AS rank WHERE 0"
            : "SELECT rowid AS id, bm25(lexical_stem_fts, 1.0, @fieldWeight) AS rank FROM lexical_stem_fts WHERE lexical_stem_fts MATCH @stemmed";
        // Heading words are words of the text too: a heading match is always a text match as well.
        var headed = match.Stemmed is null
            ? "SELECT NULL AS id, NULL AS rank WHERE 0"
            : "SELECT rowid AS id, bm25(lexical_heading_fts) AS rank FROM lexical_heading_fts WHERE lexical_heading_fts MATCH @stemmed";
        var stemSnippet = match.Stemmed is null
            ? "NULL"
            : Snippet("lexical_stem_fts", "@stemmed", "t.id");
        var exactSnippet = Snippet("lexical_fts", "@exact", "t.id");

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // bm25() is lower-is-better; the port's score is higher-is-better. A NULL filter parameter
        // means "no restriction", so the statement text never changes. The collection is applied
        // here, before LIMIT, through the documents table (one index lookup per matching entry).
        // The three rankings meet by grouping on the row id: joining them as LEFT JOINs of
        // materialised lists let SQLite scan one list once per row of another (quadratic: 7.6 s for
        // a query of two common words at 100k chunks, 0.12 s grouped). Snippets are made only for
        // the rows kept: snippet() re-reads and re-tokenises an entry's text.
        // The snippet marks the stems' matches unless a phrase was asked for.
        await using var command = connection.CreateCommand(null, $"""
            WITH exact AS (
                SELECT rowid AS id, bm25(lexical_fts, 1.0, @fieldWeight) AS rank FROM lexical_fts WHERE lexical_fts MATCH @exact),
            stemmed AS ({stemmed}),
            headed AS ({headed}),
            ranks AS (
                SELECT id, min(exact_rank) AS exact_rank, min(stem_rank) AS stem_rank, min(heading_rank) AS heading_rank FROM (
                    SELECT id, rank AS exact_rank, NULL AS stem_rank, NULL AS heading_rank FROM exact
                    UNION ALL SELECT id, NULL, rank, NULL FROM stemmed
                    UNION ALL SELECT id, NULL, NULL, rank FROM headed)
                GROUP BY id HAVING min(exact_rank) IS NOT NULL OR min(stem_rank) IS NOT NULL),
            top AS MATERIALIZED (
                SELECT e.id, e.item_id, e.document_id, e.modality,
                       -(coalesce(r.stem_rank, 0) + @exactWeight * coalesce(r.exact_rank, 0)) AS score,
                       -coalesce(r.heading_rank, 0) AS heading
                FROM ranks AS r JOIN lexical_entries AS e ON e.id = r.id
                WHERE (@modalities IS NULL OR e.modality IN (SELECT value FROM json_each(@modalities)))
                  AND (@documents IS NULL OR e.document_id IN (SELECT unhex(value) FROM json_each(@documents)))
                  AND (@collection IS NULL OR e.document_id IN (SELECT id FROM documents WHERE collection = @collection))
                ORDER BY score DESC, e.id
                LIMIT @limit)
            SELECT t.item_id, t.document_id, t.modality, t.score,
                   CASE WHEN @phrase THEN coalesce({exactSnippet}, {stemSnippet}) ELSE coalesce({stemSnippet}, {exactSnippet}) END,
                   t.heading
            FROM top AS t
            ORDER BY t.score DESC, t.id
            """)
            .With("@exact", match.Exact)
            .With("@phrase", match.HasPhrase)
            .With("@fieldWeight", _settings.FieldWeight)
            .With("@exactWeight", _settings.ExactMatchWeight)
            .With("@collection", filter.Collection)
            .With("@limit", limit);
        if (match.Stemmed is not null)
        {
            command.With("@stemmed", match.Stemmed);
        }

        BindFilter(command, filter, withModalities: true);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<LexicalHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LexicalHit(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetEnum<Modality>(2),
                reader.GetDouble(3),
                Fts5Text.ToDisplayText(reader.GetString(4)))
            {
                HeadingScore = reader.GetDouble(5),
            });
        }

        return hits;
    }

    public async Task<IReadOnlyList<LexicalPageHit>> SearchPagesAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        if (LexicalQueryTerms.ForSearch(query, limit, filter) is not { } terms)
        {
            return [];
        }

        var match = Fts5Text.ToQuery(terms);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // Pages are indexed by stems only: they rank whole pages, the chunks decide exactness.
        // Snippets only for the pages kept, as in SearchAsync.
        await using var command = connection.CreateCommand(null, $"""
            WITH top AS MATERIALIZED (
                SELECT p.id, p.item_id, p.document_id, p.page, -bm25(lexical_pages_fts) AS score
                FROM lexical_pages_fts JOIN lexical_pages AS p ON p.id = lexical_pages_fts.rowid
                WHERE lexical_pages_fts MATCH @match
                  AND (@documents IS NULL OR p.document_id IN (SELECT unhex(value) FROM json_each(@documents)))
                  AND (@collection IS NULL OR p.document_id IN (SELECT id FROM documents WHERE collection = @collection))
                ORDER BY bm25(lexical_pages_fts), p.id
                LIMIT @limit)
            SELECT t.item_id, t.document_id, t.page, t.score, {Snippet("lexical_pages_fts", "@match", "t.id")}
            FROM top AS t
            ORDER BY t.score DESC, t.id
            """)
            .With("@match", match.Exact)
            .With("@collection", filter.Collection)
            .With("@limit", limit);
        BindFilter(command, filter, withModalities: false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<LexicalPageHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LexicalPageHit(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetInt32(2),
                reader.GetDouble(3),
                Fts5Text.ToDisplayText(reader.GetString(4))));
        }

        return hits;
    }

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // The delete triggers remove each entry's tokens from the FTS indexes.
        await using var command = connection.CreateCommand(null, """
            DELETE FROM lexical_entries WHERE document_id = @document;
            DELETE FROM lexical_pages WHERE document_id = @document;
            """)
            .With("@document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A scalar subquery giving the snippet of one entry of <paramref name="table"/>: FTS5's
    /// auxiliary functions need a MATCH, and the rowid constraint makes FTS5 seek to the one row.</summary>
    private static string Snippet(string table, string match, string rowId) =>
        $"(SELECT snippet({table}, 0, '«', '»', '…', {SnippetTokens}) FROM {table} WHERE {table} MATCH {match} AND rowid = {rowId})";

    private static void BindFilter(SqliteCommand command, SearchFilter filter, bool withModalities)
    {
        if (withModalities && filter.Modalities.Count > 0)
        {
            command.WithNameSet("@modalities", filter.Modalities);
        }
        else if (withModalities)
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
    }
}
