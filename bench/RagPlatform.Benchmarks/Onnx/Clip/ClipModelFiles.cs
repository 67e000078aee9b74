namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>A generated model folder, laid out like the public CLIP ONNX exports
/// (vision_model.onnx, text_model.onnx) so the platform's encoder can be pointed at it.</summary>
internal sealed record ClipModelFiles(
    ClipArchitecture Architecture,
    ulong Seed,
    string Directory,
    string VisionModelPath,
    string TextModelPath,
    long VisionParameters,
    long TextParameters,
    bool GeneratedNow);
