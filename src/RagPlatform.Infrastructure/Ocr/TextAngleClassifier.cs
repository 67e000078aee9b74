namespace RagPlatform.Infrastructure.Ocr;

/// <summary>PaddleOCR's text direction classifier (mobile v2.0): tells lines that are upside down
/// (180°) from upright ones. It sees 48 × 192 pixels. PaddleOCR squeezes longer lines into that,
/// which on the test images made it miss most long upside-down lines; here a longer line is looked
/// at through up to <see cref="MaxWindows"/> windows of its own proportions, spread along it, and
/// their probabilities averaged.</summary>
internal sealed class TextAngleClassifier(OcrOnnxModel model, int batchSize)
{
    public const int LineHeight = 48;
    public const int LineWidth = 192;
    public const int MaxWindows = 3;

    /// <summary>A line counts as upside down only when the classifier is at least this sure
    /// (PaddleOCR's cls_thresh).</summary>
    public const float Certainty = 0.9f;

    public bool[] AreUpsideDown(OcrImage image, IReadOnlyList<TextQuad> boxes, CancellationToken cancellationToken)
    {
        var windows = new List<(int Line, TextQuad Window, int Width)>();
        for (var line = 0; line < boxes.Count; line++)
        {
            var natural = TextLineRecognizer.LineWidth(boxes[line], int.MaxValue);
            if (natural <= LineWidth)
            {
                windows.Add((line, boxes[line], natural));
                continue;
            }

            var count = Math.Min(MaxWindows, (int)Math.Ceiling((double)natural / LineWidth));
            var span = (float)LineWidth / natural;
            for (var i = 0; i < count; i++)
            {
                var start = count == 1 ? 0 : i * (1 - span) / (count - 1);
                windows.Add((line, Part(boxes[line], start, start + span), LineWidth));
            }
        }

        var upsideDown = new double[boxes.Count];
        var seen = new int[boxes.Count];
        const int slot = 3 * LineHeight * LineWidth;
        var pixels = new byte[4 * LineHeight * LineWidth];
        foreach (var batch in windows.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = new float[batch.Length * slot];
            for (var i = 0; i < batch.Length; i++)
            {
                image.WriteLine(batch[i].Window, batch[i].Width, LineHeight, input.AsSpan(i * slot, slot), LineWidth, pixels);
            }

            var (output, shape) = model.Run(input, batch.Length, LineHeight, LineWidth, cancellationToken);
            if (shape is not [var rows, 2] || rows != batch.Length)
            {
                throw new InvalidDataException($"{model.FileName} gave [{string.Join(", ", shape)}] for {batch.Length} lines; a 0°/180° classifier gives [{batch.Length}, 2].");
            }

            for (var i = 0; i < batch.Length; i++)
            {
                upsideDown[batch[i].Line] += output[(i * 2) + 1];
                seen[batch[i].Line]++;
            }
        }

        return [.. upsideDown.Select((sum, line) => sum / seen[line] >= Certainty)];
    }

    /// <summary>The stretch of a line from fraction <paramref name="from"/> to <paramref name="to"/> of its length.</summary>
    private static TextQuad Part(TextQuad box, float from, float to) => new(
        box.TopLeft + ((box.TopRight - box.TopLeft) * from),
        box.TopLeft + ((box.TopRight - box.TopLeft) * to),
        box.BottomLeft + ((box.BottomRight - box.BottomLeft) * to),
        box.BottomLeft + ((box.BottomRight - box.BottomLeft) * from));
}
