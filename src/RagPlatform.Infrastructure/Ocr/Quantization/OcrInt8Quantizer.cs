namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Quantises a PP-OCR network's convolutions to int8 in memory (<see cref="ConvQdqQuantization"/>),
/// with activation ranges calibrated by running the float network on the given inputs.</summary>
internal static class OcrInt8Quantizer
{
    /// <returns>The quantised model and the number of convolutions quantised; the model as given when none.</returns>
    /// <exception cref="InvalidDataException">The bytes are not protobuf.</exception>
    public static (byte[] Model, int Convs) Quantize(byte[] model, IEnumerable<(float[] Values, int[] Shape)> calibration, int intraOpThreads)
    {
        var activations = ConvQdqQuantization.Activations(model);
        if (activations.Count == 0)
        {
            return (model, 0);
        }

        var ranges = ActivationCalibration.Measure(model, activations, calibration, intraOpThreads);
        return ConvQdqQuantization.Apply(model, ranges);
    }
}
