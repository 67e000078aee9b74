using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Quantises a PP-OCR network's convolutions to int8 in memory (<see cref="ConvQdqQuantization"/>),
/// with activation ranges calibrated by running the float network on the given inputs.</summary>
internal static class OcrInt8Quantizer
{
    /// <summary>The PP-OCRv4 detector's first convolutions that stay float: its stem and the first two
    /// PP-LCNetV3 blocks, at full and half resolution. Quantised, they cost the bench's 1x charts the lone
    /// 10 px "0" at the axes' origin (even the first two alone lost 3 of 4); float, recall is that of the
    /// float network, for about 5 % of the int8 gain.</summary>
    public const int DetectorFloatConvs = 5;

    /// <summary><see cref="DetectorFloatConvs"/> with <c>foldNormalization</c>: the same convolutions, the
    /// stem's now counted too (its BatchNormalization folded into it).</summary>
    public const int DetectorFloatConvsFolded = DetectorFloatConvs + 1;

    /// <param name="rewrite">What stays float and what is folded first (<see cref="OcrInt8Rewrite"/>);
    /// with <see cref="OcrInt8Rewrite.FoldNormalization"/> BatchNormalization and bias Adds go into their
    /// convolutions first (so a convolution followed by one can be quantised too) and the
    /// squeeze-and-excitation sums <c>x + x · g</c> become <c>x · (g + 1)</c>.</param>
    /// <returns>The quantised model and the number of convolutions quantised; when none, the model as given
    /// (folded, with <see cref="OcrInt8Rewrite.FoldNormalization"/>).</returns>
    /// <exception cref="InvalidDataException">The bytes are not protobuf.</exception>
    public static (byte[] Model, int Convs) Quantize(byte[] model, IEnumerable<(float[] Values, int[] Shape)> calibration, int intraOpThreads, OcrInt8Rewrite rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        if (rewrite.FoldNormalization)
        {
            model = FoldNormalization(model);
            if (rewrite.HeadBlocks)
            {
                // Read again: the ConvTranspose layers' folded biases are new initializers.
                model = TransposedHeadFolding.Apply(model);
            }
        }

        var activations = ConvQdqQuantization.Activations(model, rewrite.IntegerPooling);
        if (activations.Count == 0)
        {
            return (model, 0);
        }

        var ranges = ActivationCalibration.Measure(model, activations, calibration, intraOpThreads);
        var quantized = ConvQdqQuantization.Apply(model, ranges, rewrite);
        return rewrite.FloatStemLayout && quantized.Convs > 0 ? (FloatHardSwishLayout.Apply(quantized.Model), quantized.Convs) : quantized;
    }

    private static byte[] FoldNormalization(byte[] model)
    {
        if (FoldableGraph.Read(model) is not { } graph)
        {
            return model;
        }

        var additions = new GraphAdditions();
        var folded = BatchNormFolding.Apply(graph, additions) + ResidualGateFolding.Apply(graph, additions);
        return folded == 0 ? model : additions.AppendTo(graph.Write(), domain: null);
    }
}
