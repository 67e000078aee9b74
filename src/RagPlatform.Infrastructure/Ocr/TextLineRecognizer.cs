using System.Buffers;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Reads text lines with the PP-OCRv4 recogniser: each box is cut out at the network's
/// height of 48 pixels, keeping its aspect (or widened by <c>stretch</c> when it is at least
/// <c>minStretchedHeight</c> pixels high in the image); lines of similar length share a batch (one tensor,
/// padded to the longest; <see cref="RecognitionBatches"/> picks the groups), and each row of the
/// output is read by CTC.</summary>
internal sealed class TextLineRecognizer(OcrOnnxModel model, CtcGreedyDecoder decoder, int batchSize, int maxWidth, float stretch = 1f, float minStretchedHeight = 0f)
{
    public const int LineHeight = 48;

    /// <summary>Narrowest batch, in pixels. PaddleOCR pads every batch to at least 320 (its
    /// rec_image_shape 3, 48, 320); that made no difference to the error rate on the test images
    /// and costs three times the time on screenshots, whose labels are short. 64 keeps a lone
    /// digit several output steps wide (the network gives one step per 8 pixels).</summary>
    public const int MinBatchWidth = 64;

    public IReadOnlyList<(string Text, float Confidence)> Recognize(OcrImage image, IReadOnlyList<TextQuad> boxes, CancellationToken cancellationToken)
    {
        var results = new (string, float)[boxes.Count];
        var widths = boxes.Select(box => LineWidth(box, maxWidth, stretch, minStretchedHeight)).ToArray();
        if (widths.Length == 0)
        {
            return results;
        }

        // Pooled: the batches (1.5 MB of floats a chart, 3.5 MB a screenshot) went to the large object heap and
        // brought a full collection every few images.
        var pixels = ArrayPool<byte>.Shared.Rent(4 * LineHeight * widths.Max());
        var input = ArrayPool<float>.Shared.Rent(3 * LineHeight * batchSize * Math.Max(MinBatchWidth, widths.Max()));
        try
        {
            foreach (var batch in RecognitionBatches.Plan(widths, batchSize, MinBatchWidth))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var slotWidth = Math.Max(MinBatchWidth, batch.Max(index => widths[index]));
                var slot = 3 * LineHeight * slotWidth;
                for (var i = 0; i < batch.Length; i++)
                {
                    var index = batch[i];
                    image.WriteLine(boxes[index], widths[index], LineHeight, input.AsSpan(i * slot, slot), slotWidth, pixels);
                }

                if (model.FusedCtcHeadClasses > 0)
                {
                    model.RunCtc(input.AsMemory(0, batch.Length * slot), batch.Length, LineHeight, slotWidth, (best, sums, shape) =>
                    {
                        var steps = shape is [var rows, var length] && rows == batch.Length ? length
                            : throw new InvalidDataException($"{model.FileName} gave [{string.Join(", ", shape)}] for {batch.Length} lines; the fused CTC head gives [{batch.Length}, steps].");
                        for (var i = 0; i < batch.Length; i++)
                        {
                            results[batch[i]] = decoder.Decode(best.Slice(i * steps, steps), sums.Slice(i * steps, steps));
                        }

                        return steps;
                    }, cancellationToken);
                    continue;
                }

                // Decoded where ONNX Runtime left the output: [lines, steps, classes] floats, a copy would cost a pass over them.
                model.Run(input.AsMemory(0, batch.Length * slot), batch.Length, LineHeight, slotWidth, (output, shape) =>
                {
                    if (shape is not [var rows, var steps, var classes] || rows != batch.Length || classes != decoder.ClassCount)
                    {
                        throw new InvalidDataException(
                            $"{model.FileName} gave [{string.Join(", ", shape)}] for {batch.Length} lines; the character list needs [{batch.Length}, steps, {decoder.ClassCount}].");
                    }

                    for (var i = 0; i < batch.Length; i++)
                    {
                        results[batch[i]] = decoder.Decode(output.Slice(i * steps * classes, steps * classes), model.GivesLogits);
                    }

                    return rows;
                }, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(pixels);
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
