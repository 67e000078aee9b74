namespace RagPlatform.Storage.Files;

/// <summary>Where documents, pages, items, the lexical index and the job queue live (<c>Storage:Metadata</c>).</summary>
public enum MetadataBackend
{
    /// <summary>One SQLite file in the data folder: one machine, no server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>Postgres:ConnectionString</c>): several hosts and workers share it.</summary>
    Postgres,
}
