using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Inference;

/// <summary>Throughput of one tower at one batch size. <paramref name="Mode"/> says what a timed
/// call includes ("raw": inference on a pre-built tensor; "pipeline": decode + preprocess + inference).</summary>
internal sealed record InferenceRow(string Tower, string Mode, int Batch, int Warmup, LatencySummary Latency, double ItemsPerSecond);
