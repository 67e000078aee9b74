using System.Numerics;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Finds text lines with the PP-OCRv4 DB detector: the image (or a part of it) is scaled
/// (both sides to multiples of 32, as the network's strides need), normalised, run, and the
/// probability map's boxes are mapped back to the image's own pixels.</summary>
/// <param name="seedProcessor">Post-processing with low thresholds, for
/// <see cref="DetectWithSeeds"/>.</param>
/// <param name="skipBlankAreas">Runs the network on the <see cref="DetailRegions"/> of the scaled
/// image only (see <see cref="OcrOptions.SkipBlankAreas"/>).</param>
internal sealed class TextDetector(OcrOnnxModel model, DbPostProcessor postProcessor, DbPostProcessor seedProcessor, bool skipBlankAreas = false)
{
    /// <summary>Boxes narrower or lower than this, in image pixels, are dropped (as PaddleOCR does).</summary>
    public const float MinBoxSide = 3;

    /// <param name="scale">Factor from image pixels to detector pixels, before rounding to 32.</param>
    public IReadOnlyList<TextQuad> Detect(OcrImage image, double scale, CancellationToken cancellationToken) =>
        Detect(image, scale, false, cancellationToken).Boxes;

    /// <summary>Detects at <paramref name="scale"/>; also gives the seeds: the boxes of the same map
    /// under the low thresholds, which include text too small or faint to be sure of at this scale.</summary>
    public (IReadOnlyList<TextQuad> Boxes, IReadOnlyList<TextQuad> Seeds) DetectWithSeeds(OcrImage image, double scale, CancellationToken cancellationToken) =>
        Detect(image, scale, true, cancellationToken);

    /// <param name="seedsToo">Whether to find the seeds too (a second pass over each map); when
    /// not, they come back empty.</param>
    private (IReadOnlyList<TextQuad> Boxes, IReadOnlyList<TextQuad> Seeds) Detect(OcrImage image, double scale, bool seedsToo, CancellationToken cancellationToken)
    {
        var (width, height) = InputSize(image.Width, image.Height, scale);
        var pixels = image.Resize(width, height);
        var parts = (skipBlankAreas ? DetailRegions.Find(pixels, width, height) : null) ?? [new SKRectI(0, 0, width, height)];
        var back = new Vector2((float)image.Width / width, (float)image.Height / height);
        var (boxes, seeds) = (new List<TextQuad>(), new List<TextQuad>());
        foreach (var part in parts)
        {
            var whole = part.Width == width && part.Height == height;
            var map = Run(whole ? pixels : Crop(pixels, width, part), part.Width, part.Height, cancellationToken);
            var offset = new Vector2(part.Left, part.Top);
            boxes.AddRange(Map(postProcessor, map, part, offset));
            if (seedsToo)
            {
                seeds.AddRange(Map(seedProcessor, map, part, offset));
            }
        }

        // Parts may overlap: the piece of a line that reaches into another part is found there too.
        return parts.Count > 1 ? (TextRegions.Deduplicate(boxes), TextRegions.Deduplicate(seeds)) : (boxes, seeds);

        // Boxes of a part's map, in the whole input's pixels (moved by the part's corner), then in the image's.
        IEnumerable<TextQuad> Map(DbPostProcessor processor, float[] map, SKRectI part, Vector2 offset) => processor.Boxes(map, part.Width, part.Height)
            .Select(found => new TextQuad(found.Box.TopLeft + offset, found.Box.TopRight + offset, found.Box.BottomRight + offset, found.Box.BottomLeft + offset))
            .Select(box => box.Scale(back.X, back.Y).Clamp(image.Width, image.Height))
            .Where(box => box.Width > MinBoxSide && box.Height > MinBoxSide);
    }

    /// <summary>Detects in one part of the image only, at <paramref name="scale"/>. The part grows
    /// right and down (past the image's edge, whose pixels are then repeated) until its scaled
    /// sides are multiples of 32, so that the scale stays exact.</summary>
    public IReadOnlyList<TextQuad> Detect(OcrImage image, SKRect region, double scale, CancellationToken cancellationToken)
    {
        var width = CeilingTo32(region.Width * scale);
        var height = CeilingTo32(region.Height * scale);
        var (left, top) = (region.Left, region.Top);
        var (right, bottom) = ((float)(left + (width / scale)), (float)(top + (height / scale)));
        var part = new TextQuad(new Vector2(left, top), new Vector2(right, top), new Vector2(right, bottom), new Vector2(left, bottom));
        var map = Run(image.Sample(part, width, height), width, height, cancellationToken);
        var back = (float)(1 / scale);
        var offset = new Vector2(left, top);
        return [.. postProcessor.Boxes(map, width, height)
            .Select(found => found.Box.Scale(back, back))
            .Select(box => new TextQuad(box.TopLeft + offset, box.TopRight + offset, box.BottomRight + offset, box.BottomLeft + offset).Clamp(image.Width, image.Height))
            .Where(box => box.Width > MinBoxSide && box.Height > MinBoxSide)];
    }

    /// <summary>The detector's input size for an image scaled by <paramref name="scale"/>: each side
    /// rounded to the nearest multiple of 32, at least 32.</summary>
    public static (int Width, int Height) InputSize(int width, int height, double scale) =>
        (RoundTo32(width * scale), RoundTo32(height * scale));

    /// <returns>The probability map, one value per input pixel.</returns>
    private float[] Run(byte[] rgba, int width, int height, CancellationToken cancellationToken)
    {
        var input = OcrTensors.Detection(rgba, width, height);
        cancellationToken.ThrowIfCancellationRequested();
        var (map, shape) = model.Run(input, 1, height, width, cancellationToken);
        if (shape is not [1, 1, var mapHeight, var mapWidth] || mapHeight != height || mapWidth != width)
        {
            throw new InvalidDataException(
                $"{model.FileName} gave a [{string.Join(", ", shape)}] map for a {width} × {height} input; a DB detector gives [1, 1, {height}, {width}].");
        }

        return map;
    }

    /// <summary>The pixels of <paramref name="part"/> of an RGBA image <paramref name="width"/> pixels wide.</summary>
    private static byte[] Crop(byte[] rgba, int width, SKRectI part)
    {
        var cropped = new byte[part.Width * part.Height * 4];
        for (var y = 0; y < part.Height; y++)
        {
            rgba.AsSpan((((part.Top + y) * width) + part.Left) * 4, part.Width * 4).CopyTo(cropped.AsSpan(y * part.Width * 4));
        }

        return cropped;
    }

    private static int RoundTo32(double side) => Math.Max(32, (int)Math.Round(side / 32, MidpointRounding.ToEven) * 32);

    private static int CeilingTo32(double side) => Math.Max(32, (int)Math.Ceiling(side / 32) * 32);
}
