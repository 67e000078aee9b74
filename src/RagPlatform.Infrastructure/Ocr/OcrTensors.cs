namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Pixels to network inputs, as PaddleOCR feeds them. PaddleOCR reads images with OpenCV,
/// so its tensors are in BGR order: plane 0 is blue. The detector's normalisation applies the
/// ImageNet mean and deviation in the order they are written (0.485, 0.456, 0.406 / 0.229, 0.224,
/// 0.225) to those BGR planes, so blue gets the "red" constants; the networks were trained so.</summary>
internal static class OcrTensors
{
    private static readonly float[] DetectionMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] DetectionStd = [0.229f, 0.224f, 0.225f];

    /// <summary>The detector's input [1, 3, height, width] from RGBA bytes.</summary>
    public static float[] Detection(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var plane = width * height;
        var tensor = new float[3 * plane];
        for (var bgr = 0; bgr < 3; bgr++)
        {
            var rgbaChannel = 2 - bgr;
            var scale = 1f / (255f * DetectionStd[bgr]);
            var shift = DetectionMean[bgr] / DetectionStd[bgr];
            var destination = tensor.AsSpan(bgr * plane, plane);
            for (var i = 0; i < plane; i++)
            {
                destination[i] = (rgba[(i * 4) + rgbaChannel] * scale) - shift;
            }
        }

        return tensor;
    }

    /// <summary>Each byte's value in a recogniser or classifier input, ((x / 255 − 0.5) / 0.5) written as
    /// x / 127.5 − 1: looked up rather than computed, the very floats the computation gives.</summary>
    private static readonly float[] LineValues = [.. Enumerable.Range(0, 256).Select(value => (value / 127.5f) - 1f)];

    /// <summary>Writes one line image (RGBA, <paramref name="width"/> × <paramref name="height"/>)
    /// into its slot of a recogniser or classifier batch, [3, height, slotWidth], scaled to
    /// [−1, 1] ((x / 255 − 0.5) / 0.5). Columns right of the image are set to 0, the padding PaddleOCR uses.
    /// One pass over the pixels writes the three planes (a pass per plane read each pixel three times).</summary>
    public static void WriteLine(ReadOnlySpan<byte> rgba, int width, int height, Span<float> slot, int slotWidth)
    {
        if (width > slotWidth || slot.Length != 3 * height * slotWidth || rgba.Length < 4 * width * height)
        {
            throw new ArgumentException($"A {width} × {height} line does not fit a slot {slotWidth} wide of {slot.Length} values.", nameof(slot));
        }

        var values = LineValues.AsSpan();
        var plane = height * slotWidth;
        for (var y = 0; y < height; y++)
        {
            var blue = slot.Slice(y * slotWidth, slotWidth);
            var green = slot.Slice(plane + (y * slotWidth), slotWidth);
            var red = slot.Slice((2 * plane) + (y * slotWidth), slotWidth);
            var row = rgba.Slice(y * width * 4, width * 4);
            for (var x = 0; x < width; x++)
            {
                red[x] = values[row[4 * x]];
                green[x] = values[row[(4 * x) + 1]];
                blue[x] = values[row[(4 * x) + 2]];
            }

            blue[width..].Clear();
            green[width..].Clear();
            red[width..].Clear();
        }
    }
}
