using Microsoft.Extensions.Logging;

namespace RagPlatform.Vectors.PgVector;

/// <summary>Log events of the pgvector indexes.</summary>
internal static partial class PgVectorLog
{
    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Created the PostgreSQL extension vector {Version}")]
    public static partial void ExtensionCreated(ILogger logger, Version version);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "pgvector {Version} has no iterative index scans (0.8.0 added them): filtered vector searches scan every row exactly instead of the HNSW index")]
    public static partial void NoIterativeScan(ILogger logger, Version version);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Information, Message = "Created {Table} for {Dimensions}-dimensional vectors with an HNSW cosine index")]
    public static partial void TableCreated(ILogger logger, string table, int dimensions);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Information, Message = "{Table} was empty and now holds {Dimensions}-dimensional vectors (it held {Previous})")]
    public static partial void TableRedimensioned(ILogger logger, string table, int dimensions, int previous);
}
