namespace RagPlatform.Storage.Sqlite;

/// <summary>Schema step 9: stemming, document fields, page-level text and page kinds (issue 12).
/// Kept in its own file because it is long; <see cref="SqliteMigrations"/> lists it.</summary>
internal static class LexicalRankingMigration
{
    /// <summary>The FTS5 tokenizer of migration 3; the stemmed tables wrap it in porter.</summary>
    private const string Unicode61 = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'";

    public static SqliteMigration Step { get; } = new(9, "stemming, document fields, page text and page kinds", $"""
        -- fields: words naming the document (file name split into words, PDF title), kept on one
        -- entry per document (its first item with text on page 1) and weighted apart from the text.
        ALTER TABLE lexical_entries ADD COLUMN fields TEXT NOT NULL DEFAULT '';

        -- Two indexes over the same rows: lexical_fts keeps words as written (exact words, quoted
        -- phrases, CJK characters); lexical_stem_fts indexes porter stems (writing = write). A query's
        -- unquoted words are looked up in both, so an exact match scores above a stem-only one.
        DROP TRIGGER lexical_entries_ai;
        DROP TRIGGER lexical_entries_ad;
        DROP TRIGGER lexical_entries_au;
        DROP TABLE lexical_fts;
        CREATE VIRTUAL TABLE lexical_fts USING fts5 (
            text, fields, content = 'lexical_entries', content_rowid = 'id',
            tokenize = "{Unicode61}");
        CREATE VIRTUAL TABLE lexical_stem_fts USING fts5 (
            text, fields, content = 'lexical_entries', content_rowid = 'id',
            tokenize = "porter {Unicode61}");

        CREATE TRIGGER lexical_entries_ai AFTER INSERT ON lexical_entries BEGIN
            INSERT INTO lexical_fts (rowid, text, fields) VALUES (new.id, new.text, new.fields);
            INSERT INTO lexical_stem_fts (rowid, text, fields) VALUES (new.id, new.text, new.fields);
        END;
        CREATE TRIGGER lexical_entries_ad AFTER DELETE ON lexical_entries BEGIN
            INSERT INTO lexical_fts (lexical_fts, rowid, text, fields) VALUES ('delete', old.id, old.text, old.fields);
            INSERT INTO lexical_stem_fts (lexical_stem_fts, rowid, text, fields) VALUES ('delete', old.id, old.text, old.fields);
        END;
        CREATE TRIGGER lexical_entries_au AFTER UPDATE ON lexical_entries BEGIN
            INSERT INTO lexical_fts (lexical_fts, rowid, text, fields) VALUES ('delete', old.id, old.text, old.fields);
            INSERT INTO lexical_stem_fts (lexical_stem_fts, rowid, text, fields) VALUES ('delete', old.id, old.text, old.fields);
            INSERT INTO lexical_fts (rowid, text, fields) VALUES (new.id, new.text, new.fields);
            INSERT INTO lexical_stem_fts (rowid, text, fields) VALUES (new.id, new.text, new.fields);
        END;

        -- Documents stored before this step: their file name (without its extension, - _ . as
        -- spaces) on their first entry of page 1. Titles come with the next ingestion.
        UPDATE lexical_entries SET fields = (
            SELECT trim(replace(replace(replace(
                CASE WHEN instr(d.file_name, '.') > 1
                     THEN substr(d.file_name, 1, length(rtrim(d.file_name, replace(d.file_name, '.', ''))) - 1)
                     ELSE d.file_name END,
                '-', ' '), '_', ' '), '.', ' '))
            FROM documents AS d WHERE d.id = lexical_entries.document_id)
        WHERE id IN (
            SELECT (SELECT e.id FROM lexical_entries AS e JOIN items AS i ON i.id = e.item_id
                    WHERE e.document_id = d.id AND i.page = 1 ORDER BY i.ordinal LIMIT 1)
            FROM documents AS d);
        INSERT INTO lexical_fts (lexical_fts) VALUES ('rebuild');
        INSERT INTO lexical_stem_fts (lexical_stem_fts) VALUES ('rebuild');

        -- The whole text of each page, keyed by its page item: a page-level score to blend into
        -- its chunks' scores, and lexical hits for modality=page. A table of its own so that long
        -- pages do not change the chunks' BM25 statistics (average length, document count).
        CREATE TABLE lexical_pages (
            id INTEGER PRIMARY KEY,
            item_id BLOB NOT NULL UNIQUE,
            document_id BLOB NOT NULL,
            page INTEGER NOT NULL,
            text TEXT NOT NULL);
        CREATE INDEX ix_lexical_pages_document ON lexical_pages (document_id);
        CREATE VIRTUAL TABLE lexical_pages_fts USING fts5 (
            text, content = 'lexical_pages', content_rowid = 'id',
            tokenize = "porter {Unicode61}");
        CREATE TRIGGER lexical_pages_ai AFTER INSERT ON lexical_pages BEGIN
            INSERT INTO lexical_pages_fts (rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER lexical_pages_ad AFTER DELETE ON lexical_pages BEGIN
            INSERT INTO lexical_pages_fts (lexical_pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER lexical_pages_au AFTER UPDATE ON lexical_pages BEGIN
            INSERT INTO lexical_pages_fts (lexical_pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO lexical_pages_fts (rowid, text) VALUES (new.id, new.text);
        END;

        -- Pages stored before this step: their text chunks (already prepared for FTS5) in order.
        INSERT INTO lexical_pages (item_id, document_id, page, text)
        SELECT p.id, p.document_id, p.page, (
            SELECT group_concat(text, ' ') FROM (
                SELECT e.text FROM items AS t JOIN lexical_entries AS e ON e.item_id = t.id
                WHERE t.document_id = p.document_id AND t.page = p.page AND t.modality = 'Text'
                ORDER BY t.ordinal))
        FROM items AS p
        WHERE p.modality = 'Page' AND EXISTS (
            SELECT 1 FROM items AS t JOIN lexical_entries AS e ON e.item_id = t.id
            WHERE t.document_id = p.document_id AND t.page = p.page AND t.modality = 'Text');

        CREATE TRIGGER fence_lexical_pages BEFORE INSERT ON lexical_pages
        WHEN EXISTS (SELECT 1 FROM document_tombstones WHERE document_id = NEW.document_id)
        BEGIN SELECT RAISE(IGNORE); END;

        -- Content, TableOfContents or Index (PageKind, by name). Pages stored before this step are
        -- Content until their document is ingested again.
        ALTER TABLE pages ADD COLUMN kind TEXT NOT NULL DEFAULT 'Content';
        """);
}
