namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Finds text lines with the PP-OCRv4 DB detector: the image is scaled (both sides to
/// multiples of 32, as the network's strides need), normalised, run, and the probability map's
/// boxes are mapped back to the image's own pixels.</summary>
internal sealed class TextDetector(OcrOnnxModel model, DbPostProcessor postProcessor)
{
    /// <summary>Boxes narrower or lower than this, in image pixels, are dropped (as PaddleOCR does).</summary>
    public const float MinBoxSide = 3;

    /// <param name="scale">Factor from image pixels to detector pixels, before rounding to 32.</param>
    public IReadOnlyList<TextQuad> Detect(OcrImage image, double scale, CancellationToken cancellationToken)
    {
        var (width, height) = InputSize(image.Width, image.Height, scale);
        var input = OcrTensors.Detection(image.Resize(width, height), width, height);
        cancellationToken.ThrowIfCancellationRequested();
        var (map, shape) = model.Run(input, 1, height, width, cancellationToken);
        if (shape is not [1, 1, var mapHeight, var mapWidth] || mapHeight != height || mapWidth != width)
        {
            throw new InvalidDataException(
                $"{model.FileName} gave a [{string.Join(", ", shape)}] map for a {width} × {height} input; a DB detector gives [1, 1, {height}, {width}].");
        }

        var back = (X: (float)image.Width / width, Y: (float)image.Height / height);
        return [.. postProcessor.Boxes(map, width, height)
            .Select(found => found.Box.Scale(back.X, back.Y).Clamp(image.Width, image.Height))
            .Where(box => box.Width > MinBoxSide && box.Height > MinBoxSide)];
    }

    /// <summary>The detector's input size for an image scaled by <paramref name="scale"/>: each side
    /// rounded to the nearest multiple of 32, at least 32.</summary>
    public static (int Width, int Height) InputSize(int width, int height, double scale) =>
        (RoundTo32(width * scale), RoundTo32(height * scale));

    private static int RoundTo32(double side) => Math.Max(32, (int)Math.Round(side / 32, MidpointRounding.ToEven) * 32);
}
