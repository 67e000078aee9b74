using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The real PP-OCRv4 networks and a pipeline on them with the default options but for
/// small text detected again in regions, after a first detection at the image's own scale (not at
/// <see cref="OcrOptions.SmallImageDetectionScale"/>, which would leave nothing to detect again),
/// for tests of single stages.</summary>
public sealed class OcrModelFixture : IDisposable
{
    public OcrModelFixture()
    {
        Model = PaddleOcrModel.Load(new OcrModelFolder(OcrModels.Directory), withAngleClassifier: false, intraOpThreads: 0);
        Pipeline = new PaddleOcrPipeline(Model, Options);
    }

    internal static OcrOptions Options { get; } = new() { DetectSmallTextInRegions = true, SmallImageDetectionScale = 0 };

    internal PaddleOcrModel Model { get; }

    internal PaddleOcrPipeline Pipeline { get; }

    /// <summary>A detector with the pipeline's thresholds, for detections the pipeline would not run.</summary>
    internal TextDetector Detector => new(Model.Detector,
        new DbPostProcessor((float)Options.DetectionThreshold, (float)Options.BoxThreshold, (float)Options.UnclipRatio),
        new DbPostProcessor((float)Options.DetectionThreshold, (float)Options.BoxThreshold, (float)Options.UnclipRatio));

    internal static OcrImage Image(OcrSample sample) => new(new SkiaImageDecoder(long.MaxValue).Decode(sample.Encode()).Pixels);

    public void Dispose() => Model.Dispose();
}
