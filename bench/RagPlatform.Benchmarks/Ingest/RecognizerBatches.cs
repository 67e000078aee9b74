namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Recogniser batches of real-looking lines for timing: eight calibration lines 320 pixels
/// wide, and eight 960 wide (a 640-pixel calibration line with a 320-pixel one beside it).</summary>
internal static class RecognizerBatches
{
    private const int Height = 48;

    /// <param name="calibration">The recogniser's calibration runs (<c>OcrCalibrationImages.RecognizerInputs</c>): [2, 3, 48, 320] then [2, 3, 48, 640].</param>
    public static List<(float[] Values, int[] Shape)> Of(IReadOnlyList<(float[] Values, int[] Shape)> calibration)
    {
        float[] Lines(int width) => [.. calibration.Where(entry => entry.Shape[3] == width).SelectMany(entry => entry.Values)];
        var (narrow, wide) = (Lines(320), Lines(640));
        var lines = narrow.Length / (3 * Height * 320);
        var joined = new float[lines * 3 * Height * 960];
        for (var row = 0; row < lines * 3 * Height; row++)
        {
            wide.AsSpan(row * 640, 640).CopyTo(joined.AsSpan(row * 960, 640));
            narrow.AsSpan(row * 320, 320).CopyTo(joined.AsSpan((row * 960) + 640, 320));
        }

        return [(narrow, [lines, 3, Height, 320]), (joined, [lines, 3, Height, 960])];
    }
}
