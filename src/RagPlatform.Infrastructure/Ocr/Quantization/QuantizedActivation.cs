namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>An activation as the quantised graph holds it: the float output of its DequantizeLinear,
/// which its readers take, and the range its uint8 quantisation covers.</summary>
internal readonly record struct QuantizedActivation(string Dequantized, ActivationRange Range);
