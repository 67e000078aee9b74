namespace RagPlatform.Storage.Postgres;

/// <summary>The statements of <see cref="PostgresLexicalIndex"/>'s searches, apart because they are long.
/// Parameters: @terms and @stemmable (<see cref="LexicalQuery"/>), the filter (@modalities,
/// @documents, @collection: NULL for no restriction), @limit and @headline (ts_headline's options).</summary>
internal static class LexicalSearchSql
{
    /// <summary>Rows and documents: an estimate of the table's rows (kept by autovacuum, free to
    /// read) that is never below the rows a term was counted in.</summary>
    private static string Total(string table, string counts) =>
        $"GREATEST((SELECT reltuples FROM pg_class WHERE oid = '{table}'::regclass), (SELECT max({counts}) FROM counted), 1)::double precision";

    /// <summary>Chunks. Each term is looked up as written (rag_words) and, unless it is a quoted phrase,
    /// by stems (rag_stems); a row's score is its BM25 by stems plus @exact_weight × its BM25 as
    /// written, so an exact word scores above a stem-only one. Fields count with the weights of
    /// @weights (text A, fields B), scaled back by @weight_scale. @heading_score is the BM25 of the
    /// stems against the headings. Only the rows returned get a snippet.</summary>
    public static string Entries { get; } = $$"""
        WITH terms AS MATERIALIZED (
            SELECT phraseto_tsquery('rag_words', t.term) AS words,
                   CASE WHEN t.stemmable THEN phraseto_tsquery('rag_stems', t.term) END AS stems
            FROM unnest(@terms::text[], @stemmable::boolean[]) AS t(term, stemmable)),
        query AS MATERIALIZED (
            SELECT rag_any_of(words) AS words, rag_any_of(stems) AS stems FROM terms),
        matched AS MATERIALIZED (
            SELECT e.item_id, e.document_id, e.modality, e.text, e.length, e.words, e.stems, e.heading_stems
            FROM lexical_entries AS e
            WHERE (e.words @@ (SELECT words FROM query) OR e.stems @@ (SELECT stems FROM query))
              AND (@modalities::text[] IS NULL OR e.modality = ANY (@modalities))
              AND (@documents::uuid[] IS NULL OR e.document_id = ANY (@documents))
              AND (@collection::text IS NULL OR e.document_id IN (SELECT id FROM documents WHERE collection = @collection))),
        counted AS MATERIALIZED (
            SELECT t.words, t.stems,
                   (SELECT count(*) FROM lexical_entries AS x WHERE x.words @@ t.words) AS words_rows,
                   (SELECT count(*) FROM lexical_entries AS x WHERE x.stems @@ t.stems) AS stems_rows,
                   (SELECT count(*) FROM lexical_entries AS x WHERE x.heading_stems @@ t.stems) AS heading_rows
            FROM terms AS t),
        total AS MATERIALIZED (
            SELECT {{Total("lexical_entries", "GREATEST(words_rows, coalesce(stems_rows, 0))")}} AS rows,
                   (SELECT avg(length) FROM matched)::double precision AS average_length),
        scored AS (
            SELECT m.item_id, m.document_id, m.modality, m.text, m.words @@ (SELECT words FROM query) AS as_written,
                (SELECT coalesce(sum(rag_bm25(@weight_scale * ts_rank_cd(@weights, m.stems, c.stems), c.stems_rows, n.rows, m.length, n.average_length)), 0)
                 FROM counted AS c WHERE c.stems IS NOT NULL)
                + @exact_weight *
                (SELECT coalesce(sum(rag_bm25(@weight_scale * ts_rank_cd(@weights, m.words, c.words), c.words_rows, n.rows, m.length, n.average_length)), 0)
                 FROM counted AS c) AS score,
                (SELECT coalesce(sum(rag_bm25(ts_rank_cd('{1,1,1,1}', m.heading_stems, c.stems), c.heading_rows, n.rows, 1, 1)), 0)
                 FROM counted AS c WHERE c.stems IS NOT NULL) AS heading_score
            FROM matched AS m, total AS n
            ORDER BY score DESC, m.item_id
            LIMIT @limit)
        SELECT s.item_id, s.document_id, s.modality, s.score,
               CASE WHEN @phrase AND s.as_written OR (SELECT stems FROM query) IS NULL
                    THEN ts_headline('rag_words', s.text, (SELECT words FROM query), @headline)
                    ELSE ts_headline('rag_stems', s.text, (SELECT stems FROM query), @headline) END,
               s.heading_score
        FROM scored AS s
        ORDER BY s.score DESC, s.item_id
        """;

    /// <summary>Whole pages, by stems only (they rank pages; the chunks decide exactness), every term
    /// (phrases too) against them, as the SQLite index does.</summary>
    public static string Pages { get; } = $$"""
        WITH terms AS MATERIALIZED (
            SELECT phraseto_tsquery('rag_stems', t.term) AS stems FROM unnest(@terms::text[]) AS t(term)),
        query AS MATERIALIZED (
            SELECT rag_any_of(stems) AS stems FROM terms),
        matched AS MATERIALIZED (
            SELECT p.item_id, p.document_id, p.page, p.text, p.length, p.stems
            FROM lexical_pages AS p
            WHERE p.stems @@ (SELECT stems FROM query)
              AND (@documents::uuid[] IS NULL OR p.document_id = ANY (@documents))
              AND (@collection::text IS NULL OR p.document_id IN (SELECT id FROM documents WHERE collection = @collection))),
        counted AS MATERIALIZED (
            SELECT t.stems, (SELECT count(*) FROM lexical_pages AS x WHERE x.stems @@ t.stems) AS stems_rows
            FROM terms AS t),
        total AS MATERIALIZED (
            SELECT {{Total("lexical_pages", "stems_rows")}} AS rows,
                   (SELECT avg(length) FROM matched)::double precision AS average_length),
        scored AS (
            SELECT m.item_id, m.document_id, m.page, m.text,
                (SELECT coalesce(sum(rag_bm25(ts_rank_cd('{1,1,1,1}', m.stems, c.stems), c.stems_rows, n.rows, m.length, n.average_length)), 0)
                 FROM counted AS c) AS score
            FROM matched AS m, total AS n
            ORDER BY score DESC, m.item_id
            LIMIT @limit)
        SELECT s.item_id, s.document_id, s.page, s.score, ts_headline('rag_stems', s.text, (SELECT stems FROM query), @headline)
        FROM scored AS s
        ORDER BY s.score DESC, s.item_id
        """;
}
