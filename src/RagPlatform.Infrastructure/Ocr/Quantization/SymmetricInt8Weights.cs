namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Constant weights quantised to int8 with one symmetric scale per channel (a convolution's
/// output channel, a MatMul's output column): over ±127, so the zero point is 0 as MLAS's kernels
/// want; an all-zero channel keeps scale 1.</summary>
internal static class SymmetricInt8Weights
{
    /// <summary>Writes <c>{name}_q</c> (the int8 values, shaped <paramref name="dims"/>),
    /// <c>{name}_scale</c> and <c>{name}_zero</c> (one per channel).</summary>
    /// <param name="channelOf">The channel of the value at each index.</param>
    /// <returns>The scales.</returns>
    public static float[] Write(GraphAdditions additions, string name, long[] dims, float[] values, int channels, Func<int, int> channelOf)
    {
        var scales = new float[channels];
        for (var i = 0; i < values.Length; i++)
        {
            var channel = channelOf(i);
            scales[channel] = Math.Max(scales[channel], Math.Abs(values[i]));
        }

        for (var channel = 0; channel < channels; channel++)
        {
            scales[channel] = scales[channel] > 0 ? scales[channel] / 127 : 1;
        }

        var quantized = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantized[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scales[channelOf(i)]), -127, 127);
        }

        additions.Initializer<sbyte>(name + "_q", dims, GraphAdditions.Int8Type, quantized);
        additions.Initializer<float>(name + "_scale", [channels], GraphAdditions.FloatType, scales);
        additions.Initializer<sbyte>(name + "_zero", [channels], GraphAdditions.Int8Type, new sbyte[channels]);
        return scales;
    }
}
