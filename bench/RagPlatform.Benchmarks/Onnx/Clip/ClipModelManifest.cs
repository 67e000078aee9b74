namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>Written last into a generated model folder: its presence means both graphs are complete.</summary>
internal sealed record ClipModelManifest(
    string Architecture,
    ulong Seed,
    int GeneratorVersion,
    long VisionParameters,
    long TextParameters,
    double GenerationSeconds,
    DateTimeOffset GeneratedAt);
