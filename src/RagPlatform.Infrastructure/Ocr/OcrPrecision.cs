using System.Diagnostics.CodeAnalysis;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The arithmetic the detector's and recogniser's convolutions run in (<see cref="OcrOptions.Precision"/>).</summary>
public enum OcrPrecision
{
    /// <summary>Float, as the networks are exported.</summary>
    Fp32,

    /// <summary>Int8 (the default): the convolutions quantised statically when the networks load (int8
    /// weights per output channel, uint8 activations with ranges calibrated on text drawn in process),
    /// which ONNX Runtime runs as QLinearConv on MLAS's int8 kernels; hard-swish between two quantised
    /// convolutions runs on the uint8 values, as QLinearAdd and QLinearMul. Kept on disk for the next
    /// load (<see cref="OcrOptions.Int8CacheDirectory"/>). The detector's first five convolutions and
    /// the angle classifier stay float.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The setting's value names the precision, as Clip:Precision does.")]
    Int8,
}
