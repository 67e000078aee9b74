namespace RagPlatform.Storage.Sqlite;

/// <summary>The schema, as ordered steps. A released step is never edited: a change is a new step.
/// Conventions: ids are 16-byte BLOBs (Guid.ToByteArray, see SqliteCommandExtensions.ToDbValue), enums are stored by
/// name so that reordering a C# enum cannot corrupt data, instants are UTC ticks (INTEGER).</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "documents, pages and items", """
            CREATE TABLE documents (
                id BLOB NOT NULL PRIMARY KEY,
                file_name TEXT NOT NULL,
                media_type TEXT NOT NULL,
                kind TEXT NOT NULL,
                size_bytes INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                status TEXT NOT NULL,
                error TEXT,
                pages_total INTEGER NOT NULL,
                pages_done INTEGER NOT NULL,
                item_count INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX ix_documents_sha256 ON documents (sha256);
            CREATE INDEX ix_documents_created_at ON documents (created_at);

            CREATE TABLE pages (
                document_id BLOB NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                width REAL NOT NULL,
                height REAL NOT NULL,
                has_text_layer INTEGER NOT NULL,
                render_blob_key TEXT NOT NULL,
                PRIMARY KEY (document_id, number));

            CREATE TABLE items (
                id BLOB NOT NULL PRIMARY KEY,
                document_id BLOB NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                modality TEXT NOT NULL,
                page INTEGER NOT NULL,
                region_x REAL,
                region_y REAL,
                region_width REAL,
                region_height REAL,
                text TEXT,
                blob_key TEXT,
                ordinal INTEGER NOT NULL);
            CREATE INDEX ix_items_document_page ON items (document_id, page);
            """),
        new(2, "ingestion job queue", """
            CREATE TABLE jobs (
                document_id BLOB NOT NULL PRIMARY KEY,
                status TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                worker_id TEXT,
                lease_expires_at INTEGER,
                enqueued_at INTEGER NOT NULL);
            CREATE INDEX ix_jobs_claim_order ON jobs (status, enqueued_at);
            """),
        new(3, "lexical index", """
            CREATE TABLE lexical_entries (
                id INTEGER PRIMARY KEY,
                item_id BLOB NOT NULL UNIQUE,
                document_id BLOB NOT NULL,
                modality TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX ix_lexical_entries_document ON lexical_entries (document_id);

            -- External content: the text lives once, in lexical_entries; the triggers keep the
            -- index in step. remove_diacritics 2 folds every diacritic (résumé = resume); marks
            -- (M*) are token characters so that Indic vowel signs do not split words. Fts5Text
            -- prepares the text (NFKC, one token per CJK character).
            CREATE VIRTUAL TABLE lexical_fts USING fts5 (
                text,
                content = 'lexical_entries',
                content_rowid = 'id',
                tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'");

            CREATE TRIGGER lexical_entries_ai AFTER INSERT ON lexical_entries BEGIN
                INSERT INTO lexical_fts (rowid, text) VALUES (new.id, new.text);
            END;
            CREATE TRIGGER lexical_entries_ad AFTER DELETE ON lexical_entries BEGIN
                INSERT INTO lexical_fts (lexical_fts, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            CREATE TRIGGER lexical_entries_au AFTER UPDATE ON lexical_entries BEGIN
                INSERT INTO lexical_fts (lexical_fts, rowid, text) VALUES ('delete', old.id, old.text);
                INSERT INTO lexical_fts (rowid, text) VALUES (new.id, new.text);
            END;
            """),
        new(4, "vector index", """
            -- seq is the change number of the write that last touched a row; an in-memory copy
            -- catches up by reading rows and tombstones with a higher seq than it has seen.
            CREATE TABLE vectors (
                id INTEGER PRIMARY KEY,
                item_id BLOB NOT NULL UNIQUE,
                document_id BLOB NOT NULL,
                modality TEXT NOT NULL,
                vector BLOB NOT NULL,
                seq INTEGER NOT NULL);
            CREATE INDEX ix_vectors_document ON vectors (document_id);
            CREATE INDEX ix_vectors_seq ON vectors (seq);

            CREATE TABLE vector_tombstones (
                item_id BLOB NOT NULL PRIMARY KEY,
                seq INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX ix_vector_tombstones_seq ON vector_tombstones (seq);

            -- One row: the last change number and the length of every stored vector (0 = none yet).
            CREATE TABLE vector_state (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                seq INTEGER NOT NULL,
                dimensions INTEGER NOT NULL);
            INSERT INTO vector_state (id, seq, dimensions) VALUES (1, 0, 0);
            """),
        new(5, "conversations", """
            -- A turn keeps its whole checked answer as JSON (sources, citations, claims): it is read
            -- back whole, never queried by its parts.
            CREATE TABLE conversations (
                id BLOB NOT NULL PRIMARY KEY,
                title TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX ix_conversations_updated_at ON conversations (updated_at);

            CREATE TABLE conversation_turns (
                id BLOB NOT NULL PRIMARY KEY,
                conversation_id BLOB NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                question TEXT NOT NULL,
                answer_json TEXT NOT NULL,
                created_at INTEGER NOT NULL);
            CREATE INDEX ix_conversation_turns_conversation ON conversation_turns (conversation_id, created_at);
            """),
        new(6, "job turns", """
            -- continues = 1: the job yielded its worker to others and its next claim continues the
            -- same attempt (turn + 1, keeping worked_ticks) instead of starting the next one.
            ALTER TABLE jobs ADD COLUMN continues INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE jobs ADD COLUMN turn INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE jobs ADD COLUMN worked_ticks INTEGER NOT NULL DEFAULT 0;
            """),
        new(7, "content key and deletion fence", """
            -- content_key is the document's sha256 while it lives, unique: concurrent uploads of the
            -- same bytes meet on it and make one document. NULL (which a unique index allows many
            -- times) once its deletion began, and for the older copies of duplicates stored before
            -- this step. A collection column joins the key later: UNIQUE (collection, content_key).
            ALTER TABLE documents ADD COLUMN content_key TEXT;
            UPDATE documents SET content_key = sha256
            WHERE rowid IN (SELECT MAX(rowid) FROM documents GROUP BY sha256);
            CREATE UNIQUE INDEX ux_documents_content_key ON documents (content_key);

            -- A document whose deletion began. Kept after the row is gone: a worker that is still
            -- busy with the document, in this process or another sharing the file, has every later
            -- write of derived data ignored (RAISE(IGNORE) skips the row, not the statement's
            -- transaction), so nothing it writes can outlive the delete. Ids are never reused.
            CREATE TABLE document_tombstones (
                document_id BLOB NOT NULL PRIMARY KEY,
                deleted_at INTEGER NOT NULL) WITHOUT ROWID;

            CREATE TRIGGER fence_pages BEFORE INSERT ON pages
            WHEN EXISTS (SELECT 1 FROM document_tombstones WHERE document_id = NEW.document_id)
            BEGIN SELECT RAISE(IGNORE); END;
            CREATE TRIGGER fence_items BEFORE INSERT ON items
            WHEN EXISTS (SELECT 1 FROM document_tombstones WHERE document_id = NEW.document_id)
            BEGIN SELECT RAISE(IGNORE); END;
            CREATE TRIGGER fence_lexical_entries BEFORE INSERT ON lexical_entries
            WHEN EXISTS (SELECT 1 FROM document_tombstones WHERE document_id = NEW.document_id)
            BEGIN SELECT RAISE(IGNORE); END;
            CREATE TRIGGER fence_vectors BEFORE INSERT ON vectors
            WHEN EXISTS (SELECT 1 FROM document_tombstones WHERE document_id = NEW.document_id)
            BEGIN SELECT RAISE(IGNORE); END;
            CREATE TRIGGER fence_jobs BEFORE INSERT ON jobs
            WHEN EXISTS (SELECT 1 FROM document_tombstones WHERE document_id = NEW.document_id)
            BEGIN SELECT RAISE(IGNORE); END;
            """),
        new(8, "collections", """
            -- Every document and conversation belongs to one collection; what existed before is in
            -- 'default'. The content key becomes unique per collection: the same bytes in two
            -- collections are two documents. Searches filter on the collection through the
            -- documents table (lexical entries and vectors carry no copy of it).
            ALTER TABLE documents ADD COLUMN collection TEXT NOT NULL DEFAULT 'default';
            DROP INDEX ux_documents_content_key;
            CREATE UNIQUE INDEX ux_documents_collection_content_key ON documents (collection, content_key);
            CREATE INDEX ix_documents_collection_created_at ON documents (collection, created_at);

            ALTER TABLE conversations ADD COLUMN collection TEXT NOT NULL DEFAULT 'default';
            CREATE INDEX ix_conversations_collection_updated_at ON conversations (collection, updated_at);
            """),
        LexicalRankingMigration.Step,
        new(10, "text space vectors", """
            -- The vectors of the text space (a sentence-embedding model beside CLIP): the layout of
            -- step 4 under names of their own, keyed by the same item ids. A document's rows go with
            -- it like its CLIP vectors; the fence of step 7 covers them too.
            CREATE TABLE text_vectors (
                id INTEGER PRIMARY KEY,
                item_id BLOB NOT NULL UNIQUE,
                document_id BLOB NOT NULL,
                modality TEXT NOT NULL,
                vector BLOB NOT NULL,
                seq INTEGER NOT NULL);
            CREATE INDEX ix_text_vectors_document ON text_vectors (document_id);
            CREATE INDEX ix_text_vectors_seq ON text_vectors (seq);

            CREATE TABLE text_vector_tombstones (
                item_id BLOB NOT NULL PRIMARY KEY,
                seq INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX ix_text_vector_tombstones_seq ON text_vector_tombstones (seq);

            CREATE TABLE text_vector_state (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                seq INTEGER NOT NULL,
                dimensions INTEGER NOT NULL);
            INSERT INTO text_vector_state (id, seq, dimensions) VALUES (1, 0, 0);

            CREATE TRIGGER fence_text_vectors BEFORE INSERT ON text_vectors
            WHEN EXISTS (SELECT 1 FROM document_tombstones WHERE document_id = NEW.document_id)
            BEGIN SELECT RAISE(IGNORE); END;
            """),
        SectionHeadingsMigration.Step,
        new(12, "lease end in the deletion fence", """
            -- The end of the lease a worker held on the document's job when its deletion began
            -- (NULL: none held one). That worker may go on writing until it next fails to renew,
            -- so the tombstone must outlive that lease: it is pruned only once the document row and
            -- job are gone and the later of deleted_at and this lies a grace period back
            -- (SqliteDeletionTombstones).
            ALTER TABLE document_tombstones ADD COLUMN lease_expires_at INTEGER;
            """),
    ];

    public static int LatestVersion => All[^1].Version;
}
