using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.Ocr;

internal static partial class OcrLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "OCR (PP-OCRv4) loaded from {ModelDirectory}: angle classifier {AngleClassifier}, {FoldedBlocks} blocks folded, {LoadMilliseconds} ms")]
    public static partial void Loaded(ILogger logger, string modelDirectory, bool angleClassifier, int foldedBlocks, long loadMilliseconds);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "OCR unavailable, images are indexed without their text: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Debug,
        Message = "OCR read {Lines} lines from a {Width} × {Height} image in {Milliseconds} ms")]
    public static partial void Read(ILogger logger, int lines, int width, int height, long milliseconds);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information,
        Message = "OCR int8 network loaded from the cache {Path}, without calibrating")]
    public static partial void Int8CacheHit(ILogger logger, string path);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information,
        Message = "OCR int8 network calibrated and cached in {Path}")]
    public static partial void Int8CacheWritten(ILogger logger, string path);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning,
        Message = "OCR int8 cache entry {Path} is discarded ({Reason}); the network is quantised again")]
    public static partial void Int8CacheDamaged(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning,
        Message = "OCR int8 cache entry {Path} cannot be written ({Reason}); the next start calibrates again")]
    public static partial void Int8CacheNotWritten(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning,
        Message = "OCR int8 cache entry {Path} cannot be read ({Reason}); the network is quantised again")]
    public static partial void Int8CacheUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Warning,
        Message = "OCR networks run hard-swish without the table lookup (Ocr:LookupHardSwish), as ONNX Runtime's two operators, slower: {Reason}")]
    public static partial void LookupUnavailable(ILogger logger, string reason);
}
