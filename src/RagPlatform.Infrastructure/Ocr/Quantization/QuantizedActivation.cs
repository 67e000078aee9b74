namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>An activation as the quantised graph holds it: the float output of its DequantizeLinear,
/// which its readers take, and the range its uint8 quantisation covers.</summary>
/// <param name="Integer">When its uint8 value is <c>{Integer}_q</c>, at scale <c>{Integer}_scale</c> and zero
/// point <c>{Integer}_zero</c> (as <see cref="ConvQdqQuantization.Activation"/> names them), that prefix;
/// null when it is written otherwise.</param>
internal readonly record struct QuantizedActivation(string Dequantized, ActivationRange Range, string? Integer = null);
