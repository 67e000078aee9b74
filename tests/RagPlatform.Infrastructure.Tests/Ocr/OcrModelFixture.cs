using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The real PP-OCRv4 networks and a pipeline on them with the default options but for
/// small text detected again in regions, after a first detection at the image's own scale (not at
/// <see cref="OcrOptions.SmallImageDetectionScale"/>, which would leave nothing to detect again),
/// for tests of single stages; the whole image is detected (<see cref="OcrOptions.SkipBlankAreas"/>
/// off), so that a stage's boxes are compared with a whole-image pass's exactly: parts of the
/// image come out a little different (the detector's squeeze-and-excitation blocks), and the
/// regions' second pass over parts of parts differed by an IoU of 0.67 on one screenshot label.</summary>
public sealed class OcrModelFixture : IDisposable
{
    public OcrModelFixture()
    {
        Model = PaddleOcrModel.Load(new OcrModelFolder(OcrModels.Directory), withAngleClassifier: false, intraOpThreads: 0);
        Pipeline = new PaddleOcrPipeline(Model, Options);
    }

    internal static OcrOptions Options { get; } = new() { DetectSmallTextInRegions = true, SmallImageDetectionScale = 0, SkipBlankAreas = false };

    internal PaddleOcrModel Model { get; }

    internal PaddleOcrPipeline Pipeline { get; }

    /// <summary>A detector with the pipeline's thresholds and blank-area skipping, for detections the
    /// pipeline would not run.</summary>
    internal TextDetector Detector => new(Model.Detector,
        new DbPostProcessor((float)Options.DetectionThreshold, (float)Options.BoxThreshold, (float)Options.UnclipRatio),
        new DbPostProcessor((float)Options.DetectionThreshold, (float)Options.BoxThreshold, (float)Options.UnclipRatio),
        Options.SkipBlankAreas);

    internal static OcrImage Image(OcrSample sample) => new(new SkiaImageDecoder(long.MaxValue).Decode(sample.Encode()).Pixels);

    public void Dispose() => Model.Dispose();
}
