using System.Diagnostics.CodeAnalysis;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>Which pair of towers the encoder loads (setting <c>Clip:Precision</c>).</summary>
public enum ClipPrecision
{
    /// <summary>text_model.onnx and vision_model.onnx: the float32 export.</summary>
    Fp32,

    /// <summary>text_model_quantized.onnx and vision_model_quantized.onnx: the same export with its
    /// MatMul weights quantized to 8 bits (ONNX Runtime dynamic quantization); faster on CPU, embeddings
    /// close to but not identical with Fp32's, so a collection indexed with one should be re-indexed
    /// before it is searched with the other. The vision tower's uint8 MatMul weights are converted to
    /// int8 in memory at load (same integer products, bit-identical results, about 1.6× faster on
    /// u8×s8 VNNI CPUs); the file stays as downloaded.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The setting's value names the precision, as the model exports do.")]
    Int8,
}
