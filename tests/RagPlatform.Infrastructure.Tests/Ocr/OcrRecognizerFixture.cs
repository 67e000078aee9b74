using System.Collections.Concurrent;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Ocr;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>One recogniser on the real PP-OCRv4 models for a test class, and each sample read
/// once: several tests look at the same reading from different sides.</summary>
public class OcrRecognizerFixture : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<RecognizedLine>>>> _readings = new(StringComparer.Ordinal);

    public OcrRecognizerFixture()
        : this(new OcrOptions())
    {
    }

    protected OcrRecognizerFixture(OcrOptions options)
    {
        Recognizer = OcrModels.CreateRecognizer(options);
        Assert.True(Recognizer.IsAvailable, Recognizer.UnavailableReason);
    }

    internal PaddleOcrRecognizer Recognizer { get; }

    /// <summary>The sample's lines as the recogniser reads its encoded file (PNG unless told).</summary>
    internal Task<IReadOnlyList<RecognizedLine>> ReadAsync(OcrSample sample, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        _readings.GetOrAdd(sample.Name + "/" + format, _ => new(() =>
        {
            var bytes = sample.Encode(format, quality: 90);
            var image = new EncodedImage(bytes, format == SKEncodedImageFormat.Png ? "image/png" : "image/jpeg", sample.Width, sample.Height);
            return Recognizer.RecognizeAsync(image, CancellationToken.None);
        })).Value;

    public void Dispose()
    {
        Recognizer.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same with the 0°/180° classifier switched on.</summary>
public sealed class OcrRecognizerWithAngleClassifierFixture : OcrRecognizerFixture
{
    public OcrRecognizerWithAngleClassifierFixture()
        : base(new OcrOptions { UseAngleClassifier = true })
    {
    }
}

/// <summary>The same with the PP-OCRv5 Latin recogniser (Ocr:Recognizer=Latin).</summary>
public sealed class OcrLatinRecognizerFixture : OcrRecognizerFixture
{
    public OcrLatinRecognizerFixture()
        : base(new OcrOptions { Recognizer = OcrRecognizerModel.Latin })
    {
    }
}

/// <summary>The same with the lines of flat images found from their pixels (Ocr:FlatImageLines on,
/// the default since it reads real plots as well as the network; named for the tests that need it on).</summary>
public sealed class OcrRecognizerWithFlatImageLinesFixture : OcrRecognizerFixture
{
    public OcrRecognizerWithFlatImageLinesFixture()
        : base(new OcrOptions { FlatImageLines = true })
    {
    }
}

/// <summary>The same with every image's lines from the detector network (Ocr:FlatImageLines off), for
/// readings measured on the network that the flat lines would otherwise replace.</summary>
public sealed class OcrRecognizerWithNetworkLinesFixture : OcrRecognizerFixture
{
    public OcrRecognizerWithNetworkLinesFixture()
        : base(new OcrOptions { FlatImageLines = false })
    {
    }
}

/// <summary>The same with rendered pages' lines found from their pixels too (Ocr:FlatPageLines on).</summary>
public sealed class OcrRecognizerWithFlatPageLinesFixture : OcrRecognizerFixture
{
    public OcrRecognizerWithFlatPageLinesFixture()
        : base(new OcrOptions { FlatPageLines = true })
    {
    }
}
