using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.TextEmbeddings;

internal static partial class TextEmbeddingLog
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Information,
        Message = "Text space on: sentence encoder loaded from {ModelDirectory}, {Dimensions} dimensions, passages of up to {PassageTokens} tokens; {LoadMilliseconds} ms")]
    public static partial void Loaded(ILogger logger, string modelDirectory, int dimensions, int passageTokens, long loadMilliseconds);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning,
        Message = "The text space is off although its model folder exists; text is searched lexically and with CLIP only: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information,
        Message = "Text space off, text is searched lexically and with CLIP only: {Reason}")]
    public static partial void NotInstalled(ILogger logger, string reason);
}
