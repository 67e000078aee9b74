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

    /// <param name="leadingFloatConvs">How many of the first convolutions stay float.</param>
    /// <param name="integerHardSwish">See <see cref="ConvQdqQuantization.Apply"/>.</param>
    /// <param name="integerMatMuls">See <see cref="ConvQdqQuantization.Apply"/>.</param>
    /// <returns>The quantised model and the number of convolutions quantised; the model as given when none.</returns>
    /// <exception cref="InvalidDataException">The bytes are not protobuf.</exception>
    public static (byte[] Model, int Convs) Quantize(byte[] model, IEnumerable<(float[] Values, int[] Shape)> calibration, int intraOpThreads, int leadingFloatConvs = 0,
        bool integerHardSwish = true, bool integerMatMuls = true)
    {
        var activations = ConvQdqQuantization.Activations(model);
        if (activations.Count == 0)
        {
            return (model, 0);
        }

        var ranges = ActivationCalibration.Measure(model, activations, calibration, intraOpThreads);
        return ConvQdqQuantization.Apply(model, ranges, leadingFloatConvs, integerHardSwish, integerMatMuls);
    }
}
