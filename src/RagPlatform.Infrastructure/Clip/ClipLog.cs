using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.Clip;

internal static partial class ClipLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "CLIP encoders loaded from {ModelDirectory}: {Precision} towers {TextModel} → {TextOutput}, {VisionModel} → {ImageOutput}, {Dimensions} dimensions, {LoadMilliseconds} ms")]
    public static partial void Loaded(
        ILogger logger, string modelDirectory, ClipPrecision precision, string textModel, string textOutput, string visionModel, string imageOutput, int dimensions, long loadMilliseconds);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "CLIP encoders unavailable, search runs lexical-only: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Token counting uses the embedded ViT-B/32 vocabulary: {Problem}")]
    public static partial void TokenizerFallback(ILogger logger, string problem);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "CLIP {Model}: {Converted} MatMulInteger weights converted from uint8 to int8 in memory (same results, faster kernels), {LeftUnsigned} left as published, {ConversionMilliseconds} ms")]
    public static partial void WeightsConverted(ILogger logger, string model, int converted, int leftUnsigned, long conversionMilliseconds);
}
