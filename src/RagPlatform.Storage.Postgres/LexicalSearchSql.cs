namespace RagPlatform.Storage.Postgres;

/// <summary>The statements of <see cref="PostgresLexicalIndex"/>'s searches, apart because they are long.
/// Parameters: @terms and @stemmable (<see cref="LexicalSearchCommands.WithTerms"/>), the filter (@modalities,
/// @documents, @collection: NULL for no restriction), @limit and @headline (ts_headline's options).
/// <para>BM25 needs, per term, the rows it occurs in (counted through the GIN index), the rows in all
/// (the planner's estimate, kept by autovacuum, never below a term's count) and the average length
/// (of the first thousand rows: chunks are of similar size). Every matching row is scored, each
/// term's weighted count in it being ts_rank_cd of that term alone; only the rows returned get a
/// snippet.</para></summary>
internal static class LexicalSearchSql
{
    /// <summary>Chunks. Each term is looked up as written (rag_words) and, unless it is a quoted phrase,
    /// by stems (rag_stems); a row's score is its BM25 by stems plus @exact_weight × its BM25 as
    /// written, so an exact word scores above a stem-only one. Fields count with the weights of
    /// @weights (text A, fields B), scaled back by @weight_scale. heading_score is the BM25 of the
    /// stems against the headings.</summary>
    public static string Entries { get; } = $$"""
        WITH terms AS MATERIALIZED (
            SELECT t.n, phraseto_tsquery('rag_words', t.term) AS words,
                   CASE WHEN t.stemmable THEN phraseto_tsquery('rag_stems', t.term) END AS stems
            FROM unnest(@terms::text[], @stemmable::boolean[]) WITH ORDINALITY AS t(term, stemmable, n)),
        counted AS MATERIALIZED (
            SELECT t.n, t.words, t.stems,
                   (SELECT count(*) FROM lexical_entries AS x WHERE x.words @@ t.words) AS words_rows,
                   (SELECT count(*) FROM lexical_entries AS x WHERE x.stems @@ t.stems) AS stems_rows,
                   (SELECT count(*) FROM lexical_entries AS x WHERE x.heading_stems @@ t.stems) AS heading_rows
            FROM terms AS t),
        query AS MATERIALIZED (
            SELECT rag_any_of(words) AS any_words, rag_any_of(stems) AS any_stems,
                   array_agg(words ORDER BY n) AS words, array_agg(words_rows ORDER BY n) AS words_rows,
                   array_agg(stems ORDER BY n) AS stems, array_agg(stems_rows ORDER BY n) AS stems_rows,
                   array_agg(heading_rows ORDER BY n) AS heading_rows,
                   {{Total("lexical_entries", "GREATEST(words_rows, coalesce(stems_rows, 0))")}} AS total,
                   {{AverageLength("lexical_entries")}} AS average_length
            FROM counted),
        scored AS (
            SELECT e.item_id, e.document_id, e.modality, e.words @@ q.any_words AS as_written,
                coalesce((SELECT sum(rag_bm25(@weight_scale * ts_rank_cd(@weights, e.stems, u.query), u.rows, q.total, e.length, q.average_length))
                          FROM unnest(q.stems, q.stems_rows) AS u(query, rows)), 0)
                + @exact_weight *
                coalesce((SELECT sum(rag_bm25(@weight_scale * ts_rank_cd(@weights, e.words, u.query), u.rows, q.total, e.length, q.average_length))
                          FROM unnest(q.words, q.words_rows) AS u(query, rows)), 0) AS score,
                coalesce((SELECT sum(rag_bm25(ts_rank_cd('{1,1,1,1}', e.heading_stems, u.query), u.rows, q.total, 1, 1))
                          FROM unnest(q.stems, q.heading_rows) AS u(query, rows)), 0) AS heading_score
            FROM lexical_entries AS e, query AS q
            WHERE (e.words @@ q.any_words OR e.stems @@ q.any_stems)
              AND (@modalities::text[] IS NULL OR e.modality = ANY (@modalities))
              AND (@documents::uuid[] IS NULL OR e.document_id = ANY (@documents))
              AND (@collection::text IS NULL OR e.document_id IN (SELECT id FROM documents WHERE collection = @collection))
            ORDER BY score DESC, e.item_id
            LIMIT @limit)
        SELECT s.item_id, s.document_id, s.modality, s.score,
               CASE WHEN @phrase AND s.as_written OR q.any_stems IS NULL
                    THEN ts_headline('rag_words', e.text, q.any_words, @headline)
                    ELSE ts_headline('rag_stems', e.text, q.any_stems, @headline) END,
               s.heading_score
        FROM scored AS s JOIN lexical_entries AS e ON e.item_id = s.item_id, query AS q
        ORDER BY s.score DESC, s.item_id
        """;

    /// <summary>Whole pages, by stems only (they rank pages; the chunks decide exactness), every term
    /// (phrases too) against them, as the SQLite index does.</summary>
    public static string Pages { get; } = $$"""
        WITH terms AS MATERIALIZED (
            SELECT t.n, phraseto_tsquery('rag_stems', t.term) AS stems
            FROM unnest(@terms::text[]) WITH ORDINALITY AS t(term, n)),
        counted AS MATERIALIZED (
            SELECT t.n, t.stems, (SELECT count(*) FROM lexical_pages AS x WHERE x.stems @@ t.stems) AS stems_rows
            FROM terms AS t),
        query AS MATERIALIZED (
            SELECT rag_any_of(stems) AS any_stems,
                   array_agg(stems ORDER BY n) AS stems, array_agg(stems_rows ORDER BY n) AS stems_rows,
                   {{Total("lexical_pages", "stems_rows")}} AS total,
                   {{AverageLength("lexical_pages")}} AS average_length
            FROM counted),
        scored AS (
            SELECT p.item_id, p.document_id, p.page,
                coalesce((SELECT sum(rag_bm25(ts_rank_cd('{1,1,1,1}', p.stems, u.query), u.rows, q.total, p.length, q.average_length))
                          FROM unnest(q.stems, q.stems_rows) AS u(query, rows)), 0) AS score
            FROM lexical_pages AS p, query AS q
            WHERE p.stems @@ q.any_stems
              AND (@documents::uuid[] IS NULL OR p.document_id = ANY (@documents))
              AND (@collection::text IS NULL OR p.document_id IN (SELECT id FROM documents WHERE collection = @collection))
            ORDER BY score DESC, p.item_id
            LIMIT @limit)
        SELECT s.item_id, s.document_id, s.page, s.score, ts_headline('rag_stems', p.text, q.any_stems, @headline)
        FROM scored AS s JOIN lexical_pages AS p ON p.item_id = s.item_id, query AS q
        ORDER BY s.score DESC, s.item_id
        """;

    private static string Total(string table, string counts) =>
        $"GREATEST((SELECT reltuples FROM pg_class WHERE oid = '{table}'::regclass), max({counts}), 1)::double precision";

    private static string AverageLength(string table) =>
        $"(SELECT avg(length) FROM (SELECT length FROM {table} LIMIT 1000) AS sample)::double precision";
}
