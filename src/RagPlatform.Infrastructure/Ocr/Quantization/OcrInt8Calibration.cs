namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>How one PP-OCR network is quantised to int8: the inputs its activation ranges are
/// calibrated on and the settings of the rewrite.</summary>
internal sealed record OcrInt8Calibration(IEnumerable<(float[] Values, int[] Shape)> Inputs, OcrInt8Rewrite Rewrite)
{
    /// <param name="leadingFloatConvs">See <see cref="OcrOptions.DetectorFloatConvs"/>.</param>
    /// <param name="integerMatMuls">See <see cref="OcrOptions.Int8MatMuls"/>.</param>
    /// <param name="headBlocks">See <see cref="OcrOptions.DetectorHeadBlocks"/>.</param>
    /// <param name="lookupHardSwish">See <see cref="OcrOptions.LookupHardSwish"/> (the session then needs <see cref="OcrOperatorLibrary"/>).</param>
    public static OcrInt8Calibration Detector(int leadingFloatConvs = OcrInt8Quantizer.DetectorFloatConvsFolded, bool integerMatMuls = true, bool headBlocks = false,
        bool lookupHardSwish = false) =>
        new(OcrCalibrationImages.DetectorInputs(), new OcrInt8Rewrite(leadingFloatConvs, IntegerMatMuls: integerMatMuls, FoldNormalization: true, HeadBlocks: headBlocks,
            FloatStemLayout: true, LookupHardSwish: lookupHardSwish));

    /// <param name="integerMatMuls">See <see cref="OcrOptions.Int8MatMuls"/>.</param>
    /// <param name="lookupHardSwish">See <see cref="OcrOptions.LookupHardSwish"/> (the session then needs <see cref="OcrOperatorLibrary"/>).</param>
    public static OcrInt8Calibration Recognizer(bool integerMatMuls = true, bool lookupHardSwish = false) =>
        new(OcrCalibrationImages.RecognizerInputs(), new OcrInt8Rewrite(IntegerMatMuls: integerMatMuls, IntegerPooling: true, PoolConvolution: true, LookupHardSwish: lookupHardSwish));
}
