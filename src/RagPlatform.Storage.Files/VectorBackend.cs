namespace RagPlatform.Storage.Files;

/// <summary>Where the embeddings live and are searched (<c>Storage:Vectors</c>).</summary>
public enum VectorBackend
{
    /// <summary>In this process's memory, persisted in files under the data folder's vectors/: needs <see cref="MetadataBackend.Sqlite"/>.</summary>
    Embedded,

    /// <summary>A Qdrant server (<c>Qdrant:Url</c>).</summary>
    Qdrant,

    /// <summary>The pgvector extension of a PostgreSQL server (<c>PgVector:ConnectionString</c>).</summary>
    PgVector,
}
