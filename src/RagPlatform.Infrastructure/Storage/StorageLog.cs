using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.Storage;

/// <summary>Log events of the embedded storage.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name}) to {DatabasePath}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string databasePath);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Loaded {Count} vectors of {Dimensions} dimensions from SQLite in {ElapsedMilliseconds} ms")]
    public static partial void VectorsLoaded(ILogger logger, int count, int dimensions, long elapsedMilliseconds);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Loading the vector index in the background failed; the next search tries again")]
    public static partial void VectorWarmUpFailed(ILogger logger, Exception exception);
}
