namespace RagPlatform.Storage.Postgres;

/// <summary>Schema step 3: the lexical index, in its own file because it is long;
/// <see cref="PostgresMigrations"/> lists it. See <see cref="PostgresLexicalIndex"/> for how it is
/// searched and ranked.</summary>
internal static class LexicalIndexMigration
{
    public static PostgresMigration Step { get; } = new(3, "lexical index", """
        -- unaccent folds diacritics (résumé = resume). A trusted extension: the database owner, or
        -- any user with CREATE on the database, may create it.
        CREATE EXTENSION IF NOT EXISTS unaccent;

        -- Two text search configurations over the same words. rag_words keeps words as written
        -- (case and diacritics folded), rag_stems reduces them to English stems (writing = write).
        -- Both leave out English stop words: a "the" in a query would otherwise match nearly
        -- every row and cost a scan of all of them, for a score BM25 makes almost nil anyway.
        CREATE TEXT SEARCH DICTIONARY rag_words_dictionary (TEMPLATE = pg_catalog.simple, STOPWORDS = english);
        CREATE TEXT SEARCH CONFIGURATION rag_words (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION rag_words
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
            WITH unaccent, rag_words_dictionary;
        CREATE TEXT SEARCH CONFIGURATION rag_stems (COPY = pg_catalog.english);
        ALTER TEXT SEARCH CONFIGURATION rag_stems
            ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem;
        ALTER TEXT SEARCH CONFIGURATION rag_stems
            ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple;

        -- Any of several queries: a user's terms are each turned into a query by phraseto_tsquery
        -- (plain text in, no operators read) and joined with OR here, never in SQL text.
        CREATE AGGREGATE rag_any_of (tsquery) (SFUNC = tsquery_or, STYPE = tsquery);

        -- One term's BM25 (k1 = 1.2, b = 0.75, as FTS5): frequency is the term's weighted count in
        -- the row (ts_rank_cd of the term alone), matching the rows it occurs in, total the rows.
        -- NULL, not 0, where the term does not occur: sum() skips it. Each argument appears once
        -- in the body, so that the planner inlines the function instead of calling it per row.
        CREATE FUNCTION rag_bm25(frequency double precision, matching bigint, total double precision, length integer, average_length double precision)
        RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT ln(1 + (total - matching + 0.5) / (matching + 0.5)) * 2.2
                 / (1 + 1.2 * (0.25 + 0.75 * length / greatest(average_length, 1)) / nullif(frequency, 0))
        $$;

        -- text: what snippets show (NFKC, each CJK character between U+200B so that it is a word of
        -- its own). The vectors are built from the same text reduced to its words (every other
        -- character a space), whatever the server's locale makes of punctuation. Text has weight
        -- A and fields (file name, title) weight B; length counts the text's words for BM25.
        CREATE TABLE lexical_entries (
            item_id uuid PRIMARY KEY,
            document_id uuid NOT NULL,
            modality text NOT NULL,
            text text NOT NULL,
            fields text NOT NULL,
            headings text NOT NULL,
            length integer NOT NULL,
            words tsvector NOT NULL,
            stems tsvector NOT NULL,
            heading_stems tsvector NOT NULL)
        -- Rows of a chunk (a few KiB) stay uncompressed: a search reads each matching row's vectors
        -- once per query term, and decompressing them each time doubled its cost.
        WITH (toast_tuple_target = 8160);
        CREATE INDEX ix_lexical_entries_document ON lexical_entries (document_id);
        CREATE INDEX ix_lexical_entries_words ON lexical_entries USING gin (words);
        CREATE INDEX ix_lexical_entries_stems ON lexical_entries USING gin (stems);
        CREATE INDEX ix_lexical_entries_heading_stems ON lexical_entries USING gin (heading_stems);

        -- The whole text of each page, keyed by its page item, by stems only: a page-level score
        -- to blend into its chunks' scores, and lexical hits for modality=page. A table of its own
        -- so that long pages do not change the chunks' statistics.
        CREATE TABLE lexical_pages (
            item_id uuid PRIMARY KEY,
            document_id uuid NOT NULL,
            page integer NOT NULL,
            text text NOT NULL,
            length integer NOT NULL,
            stems tsvector NOT NULL);
        CREATE INDEX ix_lexical_pages_document ON lexical_pages (document_id);
        CREATE INDEX ix_lexical_pages_stems ON lexical_pages USING gin (stems);

        CREATE TRIGGER fence_lexical_entries BEFORE INSERT ON lexical_entries FOR EACH ROW EXECUTE FUNCTION fence_deleted_document();
        CREATE TRIGGER fence_lexical_pages BEFORE INSERT ON lexical_pages FOR EACH ROW EXECUTE FUNCTION fence_deleted_document();
        """);
}
