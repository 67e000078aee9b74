using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.Clip;

internal static partial class ClipLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "CLIP encoders loaded from {ModelDirectory}: {Dimensions} dimensions, outputs {TextOutput}/{ImageOutput}, {LoadMilliseconds} ms")]
    public static partial void Loaded(ILogger logger, string modelDirectory, int dimensions, string textOutput, string imageOutput, long loadMilliseconds);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "CLIP encoders unavailable, search runs lexical-only: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Token counting uses the embedded ViT-B/32 vocabulary: {Problem}")]
    public static partial void TokenizerFallback(ILogger logger, string problem);
}
