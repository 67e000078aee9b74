using Microsoft.Extensions.Logging;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Log events of the SQLite metadata engine.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name}) to {DatabasePath}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string databasePath);

}
