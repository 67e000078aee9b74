using Microsoft.Extensions.Logging;

namespace RagPlatform.Storage.Postgres;

/// <summary>Log events of the PostgreSQL metadata store.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name}) to database {Database}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string database);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Schema of database {Database} is at version {Version}")]
    public static partial void SchemaCurrent(ILogger logger, string database, int version);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Listening for queued jobs of other processes")]
    public static partial void JobListenerConnected(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Listening for queued jobs of other processes failed; retrying in {RetryMilliseconds} ms (workers poll meanwhile)")]
    public static partial void JobListenerFailed(ILogger logger, Exception exception, long retryMilliseconds);
}
