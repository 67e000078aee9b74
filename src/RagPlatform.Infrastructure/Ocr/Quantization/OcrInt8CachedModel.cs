namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>A network as folded and quantised at load (<see cref="OcrInt8ModelCache"/>), with what
/// the rewrite did to it.</summary>
internal sealed record OcrInt8CachedModel(byte[] Model, int FoldedBlocks, int QuantizedConvs);
