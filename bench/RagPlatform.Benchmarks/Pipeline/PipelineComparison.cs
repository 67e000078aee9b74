namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>Pipeline throughput over raw inference throughput at one batch size (1.0 = the
/// pipeline adds nothing; 0.5 = decode and preprocessing take as long as inference).</summary>
/// <param name="Ratio">Pipeline images/s over raw images/s, each at its mean call time.</param>
/// <param name="PairedMedianRatio">The median over neighbouring raw and pipeline calls of raw time
/// over pipeline time: what a load that comes and goes disturbs least.</param>
/// <param name="RawCpuMsPerImage">Process CPU time per image (all threads, ONNX Runtime's spinning included).</param>
internal sealed record PipelineComparison(
    int Batch, double RawImagesPerSecond, double? PipelineImagesPerSecond, double? Ratio, string Pipeline,
    double? PairedMedianRatio = null, double? RawCpuMsPerImage = null, double? PipelineCpuMsPerImage = null);
