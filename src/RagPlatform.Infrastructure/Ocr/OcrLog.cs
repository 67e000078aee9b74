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
}
