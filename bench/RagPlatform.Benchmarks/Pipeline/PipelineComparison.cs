namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>Pipeline throughput over raw inference throughput at one batch size (1.0 = the
/// pipeline adds nothing; 0.5 = decode and preprocessing take as long as inference).</summary>
internal sealed record PipelineComparison(int Batch, double RawImagesPerSecond, double? PipelineImagesPerSecond, double? Ratio, string Pipeline);
