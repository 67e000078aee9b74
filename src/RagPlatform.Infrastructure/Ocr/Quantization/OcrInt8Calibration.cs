namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>How one PP-OCR network is quantised to int8: the inputs its activation ranges are
/// calibrated on, how many of its first convolutions stay float, whether hard-swish between
/// quantised convolutions runs in uint8 (<see cref="QuantizedHardSwish"/>) and whether MatMuls with
/// constant weights are quantised (<see cref="MatMulQdqQuantization"/>).</summary>
internal sealed record OcrInt8Calibration(IEnumerable<(float[] Values, int[] Shape)> Inputs, int LeadingFloatConvs, bool IntegerHardSwish = true)
{
    public bool IntegerMatMuls { get; init; } = true;

    public static OcrInt8Calibration Detector() => new(OcrCalibrationImages.DetectorInputs(), OcrInt8Quantizer.DetectorFloatConvs);

    public static OcrInt8Calibration Recognizer() => new(OcrCalibrationImages.RecognizerInputs(), 0);
}
