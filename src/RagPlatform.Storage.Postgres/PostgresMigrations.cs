namespace RagPlatform.Storage.Postgres;

/// <summary>The schema, as ordered steps. A released step is never edited: a change is a new step.
/// Conventions: ids are uuid, enums are stored by name so that reordering a C# enum cannot corrupt
/// data, instants are timestamptz (microseconds), and seq orders rows that share an instant (the
/// insertion order SQLite's rowid gives).</summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<PostgresMigration> All { get; } =
    [
        new(1, "documents, pages, items and the deletion fence", """
            CREATE TABLE documents (
                id uuid PRIMARY KEY,
                seq bigint GENERATED ALWAYS AS IDENTITY,
                collection text NOT NULL,
                file_name text NOT NULL,
                media_type text NOT NULL,
                kind text NOT NULL,
                size_bytes bigint NOT NULL,
                sha256 text NOT NULL,
                -- The sha256 while the document lives, unique per collection: concurrent uploads of
                -- the same bytes meet on it and make one document. NULL (which a unique index allows
                -- many times) once its deletion began: a NULL key is what "not live" means.
                content_key text,
                status text NOT NULL,
                error text,
                pages_total integer NOT NULL,
                pages_done integer NOT NULL,
                item_count integer NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL);
            CREATE UNIQUE INDEX ux_documents_collection_content_key ON documents (collection, content_key);
            CREATE INDEX ix_documents_created_at ON documents (created_at, seq);
            CREATE INDEX ix_documents_collection_created_at ON documents (collection, created_at, seq);
            CREATE INDEX ix_documents_collection_file_name ON documents (collection, file_name);

            CREATE TABLE pages (
                document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                number integer NOT NULL,
                width double precision NOT NULL,
                height double precision NOT NULL,
                has_text_layer boolean NOT NULL,
                render_blob_key text NOT NULL,
                -- Content, TableOfContents or Index (PageKind, by name).
                kind text NOT NULL,
                PRIMARY KEY (document_id, number));

            CREATE TABLE items (
                id uuid PRIMARY KEY,
                document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                modality text NOT NULL,
                page integer NOT NULL,
                region_x double precision,
                region_y double precision,
                region_width double precision,
                region_height double precision,
                text text,
                blob_key text,
                ordinal integer NOT NULL);
            CREATE INDEX ix_items_document_page ON items (document_id, page);

            -- A document whose deletion began. Kept after the row is gone: a worker still busy with
            -- the document, in this process or another, has every later write of derived data
            -- ignored (the trigger returns NULL: the row is skipped, the statement goes on), so
            -- nothing it writes can outlive the delete. Ids are never reused.
            CREATE TABLE document_tombstones (
                document_id uuid PRIMARY KEY,
                deleted_at timestamptz NOT NULL);

            -- The share lock waits for a deletion that is under way (it holds the document row FOR
            -- UPDATE until its tombstone commits), so the check below, a statement with a fresh
            -- snapshot, sees that tombstone; a deletion that starts later waits for this write's
            -- transaction instead and removes what it wrote. A document without a row (deleted,
            -- or never stored) takes no lock: its tombstone alone decides.
            CREATE FUNCTION fence_deleted_document() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM 1 FROM documents WHERE id = NEW.document_id FOR KEY SHARE;
                IF EXISTS (SELECT 1 FROM document_tombstones WHERE document_id = NEW.document_id) THEN
                    RETURN NULL;
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER fence_pages BEFORE INSERT ON pages FOR EACH ROW EXECUTE FUNCTION fence_deleted_document();
            CREATE TRIGGER fence_items BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION fence_deleted_document();
            """),
        new(2, "ingestion job queue", """
            -- position orders the queue: every enqueue and every put-back draws the next number,
            -- so a job goes behind every job queued before it, whatever the clocks say.
            CREATE SEQUENCE job_positions;
            CREATE TABLE jobs (
                document_id uuid PRIMARY KEY,
                status text NOT NULL,
                attempt integer NOT NULL,
                -- continues: the job yielded its worker to others and its next claim continues the
                -- same attempt (turn + 1, keeping worked_ticks) instead of starting the next one.
                continues boolean NOT NULL DEFAULT false,
                turn integer NOT NULL DEFAULT 0,
                worked_ticks bigint NOT NULL DEFAULT 0,
                worker_id text,
                lease_expires_at timestamptz,
                position bigint NOT NULL,
                enqueued_at timestamptz NOT NULL);
            CREATE INDEX ix_jobs_position ON jobs (position);
            CREATE TRIGGER fence_jobs BEFORE INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION fence_deleted_document();
            """),
        LexicalIndexMigration.Step,
        new(4, "conversations", """
            -- A turn keeps its whole checked answer as JSON (sources, citations, claims): it is read
            -- back whole, never queried by its parts. json, not jsonb: jsonb refuses \u0000.
            CREATE TABLE conversations (
                id uuid PRIMARY KEY,
                seq bigint GENERATED ALWAYS AS IDENTITY,
                collection text NOT NULL,
                title text NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL);
            CREATE INDEX ix_conversations_collection_updated_at ON conversations (collection, updated_at, seq);

            CREATE TABLE conversation_turns (
                id uuid PRIMARY KEY,
                seq bigint GENERATED ALWAYS AS IDENTITY,
                conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                question text NOT NULL,
                answer_json json NOT NULL,
                created_at timestamptz NOT NULL);
            CREATE INDEX ix_conversation_turns_conversation ON conversation_turns (conversation_id, created_at, seq);
            """),
        new(5, "lease end in the deletion fence", """
            -- The end of the lease a worker held on the document's job when its deletion began
            -- (NULL: none held one). That worker may go on writing until it next fails to renew,
            -- so the tombstone must outlive that lease: it is pruned only once the document row and
            -- job are gone and the later of deleted_at and this lies a grace period back
            -- (PostgresDeletionTombstones).
            ALTER TABLE document_tombstones ADD COLUMN lease_expires_at timestamptz;
            """),
    ];

    public static int LatestVersion => All[^1].Version;
}
