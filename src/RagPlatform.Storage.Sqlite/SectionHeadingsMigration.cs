namespace RagPlatform.Storage.Sqlite;

/// <summary>Schema step 11: the words of the section headings each passage holds, as a field of their
/// own (issue 12). Kept in its own file because it redefines the triggers of step 9;
/// <see cref="SqliteMigrations"/> lists it.</summary>
internal static class SectionHeadingsMigration
{
    /// <summary>The FTS5 tokenizer of migration 3, wrapped in porter as the stemmed text of step 9.</summary>
    private const string PorterUnicode61 = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'";

    public static SqliteMigration Step { get; } = new(11, "section headings", $"""
        -- headings: words of the section headings a passage holds (larger type, at ingestion). A table
        -- of their own, by stems, so that their BM25 is scored apart from the text's and the text's
        -- statistics (row lengths) stay as they were; every entry has a row, most of them empty, so
        -- a heading word's rarity is counted among all passages.
        ALTER TABLE lexical_entries ADD COLUMN headings TEXT NOT NULL DEFAULT '';
        CREATE VIRTUAL TABLE lexical_heading_fts USING fts5 (
            headings, content = 'lexical_entries', content_rowid = 'id',
            tokenize = "{PorterUnicode61}");

        DROP TRIGGER lexical_entries_ai;
        DROP TRIGGER lexical_entries_ad;
        DROP TRIGGER lexical_entries_au;
        CREATE TRIGGER lexical_entries_ai AFTER INSERT ON lexical_entries BEGIN
            INSERT INTO lexical_fts (rowid, text, fields) VALUES (new.id, new.text, new.fields);
            INSERT INTO lexical_stem_fts (rowid, text, fields) VALUES (new.id, new.text, new.fields);
            INSERT INTO lexical_heading_fts (rowid, headings) VALUES (new.id, new.headings);
        END;
        CREATE TRIGGER lexical_entries_ad AFTER DELETE ON lexical_entries BEGIN
            INSERT INTO lexical_fts (lexical_fts, rowid, text, fields) VALUES ('delete', old.id, old.text, old.fields);
            INSERT INTO lexical_stem_fts (lexical_stem_fts, rowid, text, fields) VALUES ('delete', old.id, old.text, old.fields);
            INSERT INTO lexical_heading_fts (lexical_heading_fts, rowid, headings) VALUES ('delete', old.id, old.headings);
        END;
        CREATE TRIGGER lexical_entries_au AFTER UPDATE ON lexical_entries BEGIN
            INSERT INTO lexical_fts (lexical_fts, rowid, text, fields) VALUES ('delete', old.id, old.text, old.fields);
            INSERT INTO lexical_stem_fts (lexical_stem_fts, rowid, text, fields) VALUES ('delete', old.id, old.text, old.fields);
            INSERT INTO lexical_heading_fts (lexical_heading_fts, rowid, headings) VALUES ('delete', old.id, old.headings);
            INSERT INTO lexical_fts (rowid, text, fields) VALUES (new.id, new.text, new.fields);
            INSERT INTO lexical_stem_fts (rowid, text, fields) VALUES (new.id, new.text, new.fields);
            INSERT INTO lexical_heading_fts (rowid, headings) VALUES (new.id, new.headings);
        END;

        -- Entries stored before this step have no headings (the word sizes they come from are not
        -- stored) until their document is ingested again; they get their empty rows.
        INSERT INTO lexical_heading_fts (lexical_heading_fts) VALUES ('rebuild');
        """);
}
