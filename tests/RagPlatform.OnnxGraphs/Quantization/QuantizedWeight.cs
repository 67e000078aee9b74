namespace RagPlatform.OnnxGraphs.Quantization;

/// <summary>Quantized bytes (row-major, two's complement for Int8) with one scale and zero point
/// per group (one group, or one per column).</summary>
internal sealed record QuantizedWeight(byte[] Data, float[] Scales, byte[] ZeroPoints);
