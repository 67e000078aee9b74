namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>The values one activation took during calibration, and the uint8 quantisation
/// (asymmetric, the range widened to include 0 so that zero padding stays exact) that covers them.</summary>
/// <param name="Pixels">The fewest values per channel (height × width of an image tensor) it had in a run.</param>
internal readonly record struct ActivationRange(float Min, float Max, long Pixels = long.MaxValue)
{
    public ActivationRange Include(ActivationRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max), Math.Min(Pixels, other.Pixels));

    public float Scale => Math.Max(Math.Max(Max, 0) - Math.Min(Min, 0), 1e-6f) / 255;

    public byte ZeroPoint => (byte)Math.Clamp(MathF.Round(-Math.Min(Min, 0) / Scale), 0, 255);
}
