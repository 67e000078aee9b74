using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Inference;

/// <summary>Float and int8 throughput of one tower at one batch size, measured side by side
/// (alternating calls). <paramref name="SpeedUp"/> = int8 items/s ÷ float items/s.</summary>
internal sealed record PrecisionRow(
    string Tower,
    int Batch,
    int Warmup,
    LatencySummary Fp32,
    LatencySummary Int8,
    double Fp32ItemsPerSecond,
    double Int8ItemsPerSecond,
    double SpeedUp);
