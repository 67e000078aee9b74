using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.Reranking;

internal static partial class RerankingLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "Cross-encoder re-ranking loaded from {ModelDirectory}: the first {TopN} hits are re-ranked; {LoadMilliseconds} ms")]
    public static partial void Loaded(ILogger logger, string modelDirectory, int topN, long loadMilliseconds);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning,
        Message = "Re-ranking is off although its model folder exists, hits keep their fused order: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information,
        Message = "Re-ranking off, hits keep their fused order: {Reason}")]
    public static partial void NotInstalled(ILogger logger, string reason);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Debug,
        Message = "Cross-encoder scored {Pairs} pairs in {Milliseconds} ms")]
    public static partial void Scored(ILogger logger, int pairs, long milliseconds);
}
