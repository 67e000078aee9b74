namespace RagPlatform.OnnxGraphs.Quantization;

/// <summary>The arithmetic of ONNX Runtime's weight quantization (quant_utils.compute_scale_zp and
/// quantize_nparray): the range always includes 0, scale = (max − min) / (qmax − qmin),
/// q = clamp(round-half-even(w / scale) + zero point).</summary>
internal static class WeightQuantizer
{
    /// <summary>Quantizes a [rows, columns] float weight, per column or as a whole.</summary>
    public static QuantizedWeight Quantize(ReadOnlySpan<float> weight, int rows, int columns, DynamicQuantization settings)
    {
        var groups = settings.PerChannel ? columns : 1;
        var minimums = new float[groups];
        var maximums = new float[groups];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var group = settings.PerChannel ? column : 0;
                var value = weight[(row * columns) + column];
                minimums[group] = Math.Min(minimums[group], value);
                maximums[group] = Math.Max(maximums[group], value);
            }
        }

        var scales = new float[groups];
        var zeroPoints = new int[groups];
        for (var group = 0; group < groups; group++)
        {
            (scales[group], zeroPoints[group]) = ScaleAndZeroPoint(minimums[group], maximums[group], settings);
        }

        var (qmin, qmax) = settings.Range;
        var data = new byte[rows * columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var group = settings.PerChannel ? column : 0;
                var q = Math.Round(weight[(row * columns) + column] / scales[group], MidpointRounding.ToEven) + zeroPoints[group];
                data[(row * columns) + column] = unchecked((byte)(int)Math.Clamp(q, qmin, qmax));
            }
        }

        return new QuantizedWeight(data, scales, [.. zeroPoints.Select(zeroPoint => unchecked((byte)zeroPoint))]);
    }

    private static (float Scale, int ZeroPoint) ScaleAndZeroPoint(float min, float max, DynamicQuantization settings)
    {
        var (qmin, qmax) = settings.Range;
        if (settings.Symmetric)
        {
            var absolute = Math.Max(Math.Abs(min), Math.Abs(max));
            (min, max) = (-absolute, absolute);
        }

        var scale = (max - min) / (qmax - qmin);
        if (scale == 0)
        {
            // An all-zero weight: any scale reproduces it; ONNX Runtime uses 1.
            return (1, settings.Symmetric ? 0 : qmin);
        }

        var zeroPoint = settings.Symmetric ? 0 : (int)Math.Round(qmin - (min / scale), MidpointRounding.ToEven);
        return (scale, Math.Clamp(zeroPoint, qmin, qmax));
    }
}
