namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Reads text lines with the PP-OCRv4 recogniser: each box is cut out at the network's
/// height of 48 pixels, keeping its aspect (or widened by <c>stretch</c> when it is at least
/// <c>minStretchedHeight</c> pixels high in the image); lines of similar length share a batch (one tensor,
/// padded to the longest; <see cref="RecognitionBatches"/> picks the groups), and each row of the
/// output is read by CTC.</summary>
internal sealed class TextLineRecognizer(OcrOnnxModel model, CtcGreedyDecoder decoder, int batchSize, int maxWidth, float stretch = 1f, float minStretchedHeight = 0f,
    int rereadRun = 0, float rereadBlank = 0f, int minBatchWidth = TextLineRecognizer.MinBatchWidth)
{
    public const int LineHeight = 48;

    /// <summary>Narrowest batch, in pixels. PaddleOCR pads every batch to at least 320 (its
    /// rec_image_shape 3, 48, 320); that made no difference to the error rate on the test images
    /// and costs three times the time on screenshots, whose labels are short. 64 keeps a lone
    /// digit several output steps wide (the network gives one step per 8 pixels).</summary>
    public const int MinBatchWidth = 64;

    /// <summary>Reads each line; with <c>rereadRun</c> above 0, first at its own aspect, and again
    /// widened by <c>stretch</c> only where that reading had a run of at least <c>rereadRun</c> steps
    /// of one character (see <see cref="NeedsStretch"/>).</summary>
    public IReadOnlyList<(string Text, float Confidence)> Recognize(OcrImage image, IReadOnlyList<TextQuad> boxes, CancellationToken cancellationToken)
    {
        if ((rereadRun <= 0 && rereadBlank <= 0) || stretch == 1f)
        {
            return [.. Read(image, boxes, stretch, cancellationToken).Select(reading => (reading.Text, reading.Confidence))];
        }

        var first = Read(image, boxes, 1f, cancellationToken);
        var again = Enumerable.Range(0, boxes.Count)
            .Where(i => boxes[i].Height >= minStretchedHeight && NeedsStretch(first[i].LongestRun, first[i].BlankInRun, rereadRun, rereadBlank)).ToArray();
        var results = first.Select(reading => (reading.Text, reading.Confidence)).ToArray();
        if (again.Length > 0)
        {
            var stretched = Read(image, [.. again.Select(i => boxes[i])], stretch, cancellationToken);
            for (var j = 0; j < again.Length; j++)
            {
                results[again[j]] = (stretched[j].Text, stretched[j].Confidence);
            }
        }

        return results;
    }

    /// <summary>Whether a line read at its own aspect is read again widened: when one character
    /// was the most likely class for at least <paramref name="rereadRun"/> steps in a row, or the
    /// blank had at least <paramref name="rereadBlank"/> inside such a run, it may be a doubled letter
    /// whose two halves had no blank step between them (0 switches either test off).</summary>
    public static bool NeedsStretch(int longestRun, float blankInRun, int rereadRun, float rereadBlank) =>
        (rereadRun > 0 && longestRun >= rereadRun) || (rereadBlank > 0 && blankInRun >= rereadBlank);

    private (string Text, float Confidence, int LongestRun, float BlankInRun)[] Read(OcrImage image, IReadOnlyList<TextQuad> boxes, float lineStretch, CancellationToken cancellationToken)
    {
        var results = new (string, float, int, float)[boxes.Count];
        var widths = boxes.Select(box => LineWidth(box, maxWidth, lineStretch, minStretchedHeight)).ToArray();

        foreach (var batch in RecognitionBatches.Plan(widths, batchSize, minBatchWidth))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slotWidth = Math.Max(minBatchWidth, batch.Max(index => widths[index]));
            var slot = 3 * LineHeight * slotWidth;
            var input = new float[batch.Length * slot];
            for (var i = 0; i < batch.Length; i++)
            {
                var index = batch[i];
                var pixels = image.Sample(boxes[index], widths[index], LineHeight);
                OcrTensors.WriteLine(pixels, widths[index], LineHeight, input.AsSpan(i * slot, slot), slotWidth);
            }

            var (output, shape) = model.Run(input, batch.Length, LineHeight, slotWidth, cancellationToken);
            if (shape is not [var rows, var steps, var classes] || rows != batch.Length || classes != decoder.ClassCount)
            {
                throw new InvalidDataException(
                    $"{model.FileName} gave [{string.Join(", ", shape)}] for {batch.Length} lines; the character list needs [{batch.Length}, steps, {decoder.ClassCount}].");
            }

            for (var i = 0; i < batch.Length; i++)
            {
                var (text, confidence) = decoder.Decode(output.AsSpan(i * steps * classes, steps * classes), out var longestRun, out var blankInRun);
                results[batch[i]] = (text, confidence, longestRun, blankInRun);
            }
        }

        return results;
    }

    /// <summary>Width of a box's line image at the network's height, its aspect kept, within the limit.</summary>
    /// <param name="stretch">Factor the line is widened by beyond its aspect (see <see cref="OcrOptions.RecognitionStretch"/>).</param>
    /// <param name="minStretchedHeight">Lines lower than this, in image pixels, are not widened
    /// (see <see cref="OcrOptions.MinStretchedLineHeight"/>).</param>
    public static int LineWidth(TextQuad box, int maxWidth, float stretch = 1f, float minStretchedHeight = 0f) =>
        Math.Clamp((int)Math.Ceiling((box.Height >= minStretchedHeight ? stretch : 1f) * LineHeight * box.Width / Math.Max(box.Height, 1f)), 1, maxWidth);
}
