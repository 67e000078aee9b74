namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>How one PP-OCR network is quantised to int8: the inputs its activation ranges are
/// calibrated on, how many of its first convolutions stay float, and whether hard-swish between
/// quantised convolutions runs in uint8 (<see cref="QuantizedHardSwish"/>).</summary>
internal sealed record OcrInt8Calibration(IEnumerable<(float[] Values, int[] Shape)> Inputs, int LeadingFloatConvs, bool IntegerHardSwish = true,
    bool FoldNormalization = false)
{
    public static OcrInt8Calibration Detector(int leadingFloatConvs = OcrInt8Quantizer.DetectorFloatConvsFolded) =>
        new(OcrCalibrationImages.DetectorInputs(), leadingFloatConvs, FoldNormalization: true);

    public static OcrInt8Calibration Recognizer() => new(OcrCalibrationImages.RecognizerInputs(), 0);
}
