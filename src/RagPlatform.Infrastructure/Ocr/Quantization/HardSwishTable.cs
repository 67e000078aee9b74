namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Hard-swish of a uint8 value as a 256-entry table (<see cref="QuantizedHardSwish"/> with
/// <see cref="OcrInt8Rewrite.LookupHardSwish"/>): entry u is what the two operators it replaces give for
/// input u, step by step as ONNX Runtime's QLinearAdd and QLinearMul compute them (each rounded half to even
/// and saturated to uint8): the gate <c>t = Q(x + β / α)</c> at scale 1 / (α · 255), read back at 1/255 steps,
/// then <c>Q(x · t / 255)</c> at the output's scale and zero point. So the network's outputs stay those of the
/// two operators (bit for bit on the bench's calibration lines); the exact <c>Q(hard-swish(x))</c>, without the
/// gate's rounding, agreed no better with the float network there (313 / 895 of 320 / 960 steps against 313 / 890).</summary>
internal static class HardSwishTable
{
    /// <param name="x">The input's scale and zero point.</param>
    /// <param name="yScale">The output's scale.</param>
    /// <param name="yZeroPoint">The output's zero point (a shift b2 already in it, as whole steps).</param>
    public static byte[] Build((float Scale, byte ZeroPoint) x, float alpha, float beta, float yScale, int yZeroPoint)
    {
        var table = new byte[256];
        // The operators' own arithmetic (MLAS): QLinearAdd scales A and B to C's scale by their ratios to it,
        // QLinearMul multiplies the two integers and scales by sa · sb / sc; both round half to even.
        var shiftToZero = beta / alpha;
        var (constantScale, gateScale) = (shiftToZero / 255, 1 / (alpha * 255));
        var (ratioA, ratioB) = (x.Scale / gateScale, constantScale / gateScale);
        var productRatio = x.Scale * (1f / 255) / yScale;
        for (var u = 0; u < 256; u++)
        {
            var steps = (float)(u - x.ZeroPoint);
            var gate = Saturate(MathF.Round((steps * ratioA) + (255 * ratioB)));
            table[u] = Saturate(MathF.Round((steps * gate * productRatio) + yZeroPoint));
        }

        return table;
    }

    private static byte Saturate(float value) => (byte)Math.Clamp(value, 0, 255);
}
