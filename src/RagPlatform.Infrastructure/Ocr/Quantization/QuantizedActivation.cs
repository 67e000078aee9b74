namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>An activation as the quantised graph holds it: the uint8 tensor that a QuantizeLinear
/// (or an integer operator) writes, the DequantizeLinear's float output that its readers take, and
/// the range that the quantisation covers.</summary>
/// <param name="Offset">What the dequantised value adds to the float one in every element: a shift
/// that went into the uint8 zero point, which holds it only to the nearest step. Convolutions that
/// read the value subtract it through their bias.</param>
internal readonly record struct QuantizedActivation(string Quantized, string Dequantized, ActivationRange Range, float Offset = 0);
