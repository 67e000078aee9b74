using System.Globalization;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>The settings one network's int8 rewrite depends on: how many of its first convolutions
/// stay float, whether hard-swish between quantised convolutions runs in uint8
/// (<see cref="QuantizedHardSwish"/>), whether MatMuls with constant weights are quantised
/// (<see cref="MatMulQdqQuantization"/>) and whether normalisations are folded into their
/// convolutions first (<see cref="BatchNormFolding"/>, <see cref="ResidualGateFolding"/>), whether
/// hard-swish before pooling and squeeze-and-excitation stays uint8 (<see cref="QuantizedPooling"/>), the
/// detector's head written as block convolutions (<see cref="TransposedHeadFolding"/>) and its float stem's
/// hard-swish laid out for NCHWc (<see cref="FloatHardSwishLayout"/>), and whether the recogniser's last
/// AveragePool runs as a uint8 depthwise convolution (<see cref="QuantizedPooling.WriteAveragePools"/>), and whether
/// uint8 hard-swish is one table lookup (<see cref="HardSwishTable"/>; the session needs <see cref="OcrOperatorLibrary"/>). One
/// record, so that a new setting reaches the quantiser and the cache key together.</summary>
internal sealed record OcrInt8Rewrite(int LeadingFloatConvs = 0, bool IntegerHardSwish = true, bool IntegerMatMuls = true, bool FoldNormalization = false,
    bool IntegerPooling = false, bool HeadBlocks = false, bool FloatStemLayout = false, bool PoolConvolution = false, bool LookupHardSwish = false)
{
    /// <summary>The settings as they enter the cache entry's name (<see cref="OcrInt8ModelCache"/>).</summary>
    public string CacheKey => string.Create(CultureInfo.InvariantCulture,
        $"leading-float-convs={LeadingFloatConvs}|integer-hard-swish={IntegerHardSwish}|integer-matmuls={IntegerMatMuls}|fold-normalization={FoldNormalization}|integer-pooling={IntegerPooling}|head-blocks={HeadBlocks}|float-stem-layout={FloatStemLayout}|pool-convolution={PoolConvolution}|lookup-hard-swish={LookupHardSwish}");
}
