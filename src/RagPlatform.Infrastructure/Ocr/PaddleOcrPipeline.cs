using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr.FlatImageLines;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>PaddleOCR's system pipeline on one decoded image: detect lines (again at a larger scale
/// when the text is small), straighten and turn each line, read it, drop unsure readings, order
/// the rest for reading.</summary>
internal sealed class PaddleOcrPipeline
{
    /// <summary>Crops at least this many times higher than wide hold vertical text, turned a
    /// quarter before reading (PaddleOCR's rule).</summary>
    private const float VerticalAspect = StackedLines.VerticalAspect;

    /// <summary>How much less confident the bottom-to-top reading of a vertical line may be and still
    /// be kept: a chart's y-axis title runs bottom to top, and read the other way some come out as
    /// confident nonsense (octave's plot.png "sin (x)": "(x) u!s" 0.965 against 0.956). Text turned
    /// the other way reads as nonsense bottom to top, far less confident (the tests' turned titles).</summary>
    private const float BottomToTopPreference = 0.05f;

    /// <summary>Least confidence of a line found beside a chart's frame only: the probe over the 28
    /// octave plots kept its right labels and no junk at 0.9.</summary>
    private const float BesideFrameMinConfidence = 0.9f;

    /// <summary>Margin added at each end of a line before it is read, as a fraction of its height
    /// (above and below: <see cref="OcrOptions.LineMarginAcross"/>). The detector's boxes hug the
    /// ink (unclip ratio 1.5). A margin of 0 on every side once gave a 6.4% character error rate on
    /// a scanned page (0.1: 0.6%); measured apart on the bench's full sets (run
    /// ingest-ocr-20261205-172945), the cause was the margin across the text (0 there lost 9 words,
    /// "committee", "invoice", a chart's "0"s), while 0 at the ends lost a chart's lone "0" and "traffic". Less
    /// than 0.2 here saves 5-9% of the columns on charts, 1-2% on pages, and lost words each time: 0.1 "committee",
    /// "settings" twice, "cancel"; 0.05 "settings" and a "0" (run ingest-ocr-20261205-170959).</summary>
    internal const float LineMarginAlong = 0.2f;

    /// <summary>Probability (of a pixel and of a box) above which the first detection's weak finds
    /// still seed the regions detected again at a larger scale: at 1x a lone 10 px "0" tick label
    /// scores below PaddleOCR's box threshold of 0.6, and is found when looked at twice as large.</summary>
    private const float SeedThreshold = 0.05f;

    private readonly OcrOptions _options;
    private readonly TextDetector _detector;
    private readonly TextLineRecognizer _recognizer;
    private readonly TextAngleClassifier? _angleClassifier;

    public PaddleOcrPipeline(PaddleOcrModel model, OcrOptions options)
    {
        _options = options;
        var postProcessor = new DbPostProcessor((float)options.DetectionThreshold, (float)options.BoxThreshold, (float)options.UnclipRatio);
        var seedProcessor = new DbPostProcessor(SeedThreshold, SeedThreshold, (float)options.UnclipRatio, minSize: 1);
        _detector = new TextDetector(model.Detector, postProcessor, seedProcessor, options.SkipBlankAreas);
        _recognizer = new TextLineRecognizer(model.Recognizer, model.Decoder, options.RecognitionBatchSize, options.MaxRecognitionWidth, (float)options.RecognitionStretch,
            options.MinStretchedLineHeight);
        _angleClassifier = options.UseAngleClassifier && model.AngleClassifier is { } classifier
            ? new TextAngleClassifier(classifier, options.RecognitionBatchSize)
            : null;
    }

    public IReadOnlyList<RecognizedLine> Read(RgbaRaster raster, CancellationToken cancellationToken)
    {
        using var image = new OcrImage(raster);
        return ReadDetected(image, Detect(image, cancellationToken), cancellationToken);
    }

    /// <summary>The rest of <see cref="Read"/> once <see cref="Detect"/> found the lines: stacked
    /// boxes joined, read (turned, numbers with their minus), the frame's missing labels detected
    /// again, icons dropped, reading order; apart so that the bench times recognition alone.</summary>
    internal IReadOnlyList<RecognizedLine> ReadDetected(OcrImage image, IReadOnlyList<TextQuad> found, CancellationToken cancellationToken)
    {
        var raster = image.Raster;
        var kept = ReadLines(image, StackedLines.Join(found), (float)_options.MinConfidence, cancellationToken);
        if (_options.DetectBesideFrame && IsSmall(image) && FrameStrips.Find(raster, found, [.. kept.Where(line => MinusSigns.IsNumber(line.Text)).Select(line => line.Box)], FirstScale(image)) is { } frame)
        {
            kept.AddRange(ReadBesideFrame(frame.Erased, frame.Strips, [.. kept.Select(line => line.Box)], FirstScale(image), cancellationToken));
        }

        var texts = kept.Select(line => line.Text).ToList();
        kept.RemoveAll(line => IconReadings.IsIcon(line.Text, texts));

        return [.. ReadingOrder.Sort(kept, line => line.Box).Select(line => new RecognizedLine(line.Text, ToRegion(line.Box, image), line.Confidence))];
    }

    /// <summary>The lines detected in the strips beside a chart's frame (<see cref="FrameStrips"/>),
    /// in the copy with the frame erased, where no line was read (a box the first detection found but
    /// could not read, such as a 5 × 5 px box inside a "4", does not count): only the sure readings
    /// (<see cref="BesideFrameMinConfidence"/>).</summary>
    private List<(TextQuad Box, string Text, float Confidence)> ReadBesideFrame(RgbaRaster erased, List<SKRect> strips, List<TextQuad> read, double scale,
        CancellationToken cancellationToken)
    {
        using var image = new OcrImage(erased);
        var known = read.Select(box => box.Bounds).ToList();
        var fresh = TextRegions.Deduplicate(strips.SelectMany(strip => _detector.Detect(image, strip, scale, cancellationToken)))
            .Where(box => !known.Any(other => Area(SKRect.Intersect(other, box.Bounds)) > 0.3 * Math.Min(Area(other), Area(box.Bounds))))
            .ToList();
        return fresh.Count == 0 ? [] : ReadLines(image, fresh, BesideFrameMinConfidence, cancellationToken);

        static float Area(SKRect rectangle) => rectangle.IsEmpty ? 0 : rectangle.Width * rectangle.Height;
    }

    /// <summary>Reads the boxes (vertical ones turned, both ways) and keeps the readings at least
    /// <paramref name="minConfidence"/> sure, numbers with the minus beside them (<see cref="MinusSigns"/>).</summary>
    private List<(TextQuad Box, string Text, float Confidence)> ReadLines(OcrImage image, List<TextQuad> boxes, float minConfidence, CancellationToken cancellationToken)
    {
        if (boxes.Count == 0)
        {
            return [];
        }

        var vertical = boxes.Select(box => box.Height >= VerticalAspect * box.Width).ToArray();
        var lines = boxes.Select((box, i) => vertical[i] ? box.QuarterTurned() : box)
            .Select(box => WithMargin(box, _options)).ToArray();
        var readings = _recognizer.Recognize(image, lines, cancellationToken).ToArray();

        // A quarter turn counter-clockwise reads text that runs top to bottom; a chart's y-axis title
        // usually runs bottom to top and then comes out upside down, so vertical lines are read the
        // other way too. So are the lines the angle classifier (when on) finds upside down.
        var readTurnedToo = Enumerable.Range(0, lines.Length).Where(i => vertical[i]).ToHashSet();
        if (_angleClassifier is not null)
        {
            var upsideDown = _angleClassifier.AreUpsideDown(image, lines, cancellationToken);
            readTurnedToo.UnionWith(Enumerable.Range(0, lines.Length).Where(i => upsideDown[i]));
        }

        KeepTheMoreConfidentReadingTurned(image, lines, readings, [.. readTurnedToo.Order()], vertical, cancellationToken);

        var kept = new List<(TextQuad Box, string Text, float Confidence)>();
        for (var i = 0; i < boxes.Count; i++)
        {
            var (text, confidence) = readings[i];

            // The character list is Chinese and English: it has full-width forms ("，", "％", "Ａ")
            // that the recogniser sometimes gives in English text; NFKC makes them the ASCII ones
            // a search for the text would use, and leaves ideographs alone.
            text = text.Normalize(NormalizationForm.FormKC).Trim();
            if (text.Length > 0 && confidence >= minConfidence)
            {
                var (signed, box) = MinusSigns.Extend(image.Raster, text, boxes[i]);
                kept.Add((box, signed, confidence));
            }
        }

        return kept;
    }

    /// <summary>Reads the given lines turned half a turn as well, and keeps the more confident
    /// reading. Both readings, not a verdict, because the angle classifier alone turned a few upright
    /// lines on the test images (a 14 px monospaced line, "Open Settings ..." read as
    /// "s pue rid asu ...").</summary>
    private void KeepTheMoreConfidentReadingTurned(OcrImage image, TextQuad[] lines, (string Text, float Confidence)[] readings, int[] indices, bool[] vertical,
        CancellationToken cancellationToken)
    {
        if (indices.Length == 0)
        {
            return;
        }

        var turned = _recognizer.Recognize(image, [.. indices.Select(i => lines[i].Turned())], cancellationToken);
        for (var j = 0; j < indices.Length; j++)
        {
            var preference = vertical[indices[j]] ? BottomToTopPreference : 0;
            if (turned[j].Confidence + preference > readings[indices[j]].Confidence)
            {
                readings[indices[j]] = turned[j];
            }
        }
    }

    /// <summary>Detects at the image's own scale (or lower, within the side limits); when the median
    /// line is lower than <see cref="OcrOptions.SmallTextHeight"/> there, detects again at a larger scale,
    /// chosen to bring that line to the height: in the whole image, or (with
    /// <see cref="OcrOptions.DetectSmallTextInRegions"/>) in the <see cref="TextRegions"/> around
    /// what it found, sure or not, unless they cover most of the image.</summary>
    internal IReadOnlyList<TextQuad> Detect(OcrImage image, CancellationToken cancellationToken)
    {
        var small = IsSmall(image);
        if (_options.FlatImageLines && (small || IsPage(image)) && FlatImageLineFinder.Find(image.Raster, page: !small) is { } flat)
        {
            return flat;
        }

        var first = DetectFirst(image, cancellationToken);
        return first switch
        {
            { LargerScale: null } => first.Boxes,
            { Regions: null } => _detector.Detect(image, first.LargerScale.Value, cancellationToken),
            _ => TextRegions.Deduplicate(first.Regions.SelectMany(region => _detector.Detect(image, region, first.LargerScale.Value, cancellationToken))),
        };
    }

    /// <summary>The first detection, and what it decides: whether to detect again, at which scale, where.</summary>
    internal FirstDetection DetectFirst(OcrImage image, CancellationToken cancellationToken)
    {
        var scale = FirstScale(image);
        // The seeds (a second pass over the map) only serve to find the regions.
        var (boxes, seeds) = _options.DetectSmallTextInRegions
            ? _detector.DetectWithSeeds(image, scale, cancellationToken)
            : (_detector.Detect(image, scale, cancellationToken), []);
        var larger = LargerScale(image, scale, boxes);
        var regions = larger is null || !_options.DetectSmallTextInRegions ? null : TextRegions.Around(seeds, image.Width, image.Height);
        return new FirstDetection(scale, boxes, larger, regions);
    }

    /// <summary>Whether the image is one that <see cref="OcrOptions.SmallImageDetectionScale"/>
    /// applies to (a 1x screenshot or chart: it fits <see cref="OcrOptions.MaxSideLength"/> at that
    /// scale), the only ones <see cref="OcrOptions.FlatImageLines"/> reads.</summary>
    private bool IsSmall(OcrImage image) =>
        _options.SmallImageDetectionScale > 0 && Math.Min(_options.SmallImageDetectionScale, _options.MaxUpscale) * Math.Max(image.Width, image.Height) <= _options.MaxSideLength;

    /// <summary>Whether <see cref="OcrOptions.FlatPageLines"/> lets the flat line finder read the
    /// image as a page: larger than a small image and upright (a portrait page; screens larger than
    /// small images are landscape, and their widgets are judged only for small ones).</summary>
    private bool IsPage(OcrImage image) => _options.FlatPageLines && !IsSmall(image) && image.Height >= image.Width;

    /// <summary><see cref="OcrOptions.SmallImageDetectionScale"/> (at most
    /// <see cref="OcrOptions.MaxUpscale"/>) for images it keeps within
    /// <see cref="OcrOptions.MaxSideLength"/>; otherwise the image's own scale, or lower to fit
    /// <see cref="OcrOptions.MaxSideLength"/> and (when set) <see cref="OcrOptions.FirstDetectionSide"/>.</summary>
    private double FirstScale(OcrImage image)
    {
        if (IsSmall(image))
        {
            return Math.Min(_options.SmallImageDetectionScale, _options.MaxUpscale);
        }

        var side = _options.FirstDetectionSide > 0 ? Math.Min(_options.FirstDetectionSide, _options.MaxSideLength) : _options.MaxSideLength;
        return Math.Min(1, (double)side / Math.Max(image.Width, image.Height));
    }

    /// <summary>The scale to detect again at, or null when the lines found at
    /// <paramref name="scale"/> were high enough there (the median at least
    /// <see cref="OcrOptions.SmallTextHeight"/> detector pixels), or none were found, or a larger
    /// scale would not be at least a quarter larger.</summary>
    private double? LargerScale(OcrImage image, double scale, IReadOnlyList<TextQuad> boxes)
    {
        if (boxes.Count == 0 || _options.SmallTextHeight == 0)
        {
            return null;
        }

        var heights = boxes.Select(box => box.Height).Order().ToList();
        var median = heights[heights.Count / 2];
        var fit = (double)_options.MaxSideLength / Math.Max(image.Width, image.Height);
        var larger = Math.Min(Math.Min(_options.MaxUpscale, _options.SmallTextHeight / median), fit);
        return median * scale < _options.SmallTextHeight && larger > scale * 1.25 ? larger : null;
    }

    /// <summary>The line as it is read: grown by <see cref="LineMarginAlong"/> at its ends and
    /// <see cref="OcrOptions.LineMarginAcross"/> above and below.</summary>
    internal static TextQuad WithMargin(TextQuad box, OcrOptions options) =>
        box.Grow(LineMarginAlong * box.Height, (float)options.LineMarginAcross * box.Height);

    private static Region ToRegion(TextQuad box, OcrImage image) =>
        new Region(box.Left / image.Width, box.Top / image.Height, (box.Right - box.Left) / image.Width, (box.Bottom - box.Top) / image.Height).ClampToPage();

    /// <param name="Scale">Scale of the first detection.</param>
    /// <param name="Boxes">What it found.</param>
    /// <param name="LargerScale">Scale to detect again at, null when the text is high enough.</param>
    /// <param name="Regions">Where to detect again; null for the whole image.</param>
    internal sealed record FirstDetection(double Scale, IReadOnlyList<TextQuad> Boxes, double? LargerScale, IReadOnlyList<SKRect>? Regions);
}
