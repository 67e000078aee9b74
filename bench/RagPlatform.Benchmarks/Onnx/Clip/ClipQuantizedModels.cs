using System.Diagnostics;
using System.Globalization;
using RagPlatform.OnnxGraphs;
using RagPlatform.OnnxGraphs.Quantization;

namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>The int8 towers next to a generated folder's float ones, named as the public export
/// names them (so the folder also serves <c>Clip:Precision=Int8</c>). Each is the float graph
/// rebuilt from the same seed and rewritten by <see cref="DynamicQuantizer"/> with the settings
/// Transformers.js used for Xenova/clip-vit-base-patch32.</summary>
internal static class ClipQuantizedModels
{
    public const string VisionFileName = "vision_model_quantized.onnx";
    public const string TextFileName = "text_model_quantized.onnx";

    /// <summary>Bump whenever the quantizer's output changes, to regenerate existing int8 files.</summary>
    public const int QuantizerVersion = 2;

    public static async Task<(string VisionPath, string TextPath)> EnsureAsync(ClipModelFiles files, Action<string> report, CancellationToken cancellationToken)
    {
        var visionPath = Path.Combine(files.Directory, VisionFileName);
        var textPath = Path.Combine(files.Directory, TextFileName);
        var markerPath = Path.Combine(files.Directory, "quantized.txt");
        var marker = string.Create(CultureInfo.InvariantCulture, $"quantizer {QuantizerVersion}");
        if (File.Exists(visionPath) && File.Exists(textPath) && File.Exists(markerPath) &&
            (await File.ReadAllTextAsync(markerPath, cancellationToken).ConfigureAwait(false)).Trim() == marker)
        {
            return (visionPath, textPath);
        }

        File.Delete(markerPath);
        var stopwatch = Stopwatch.StartNew();
        await QuantizeAsync(ClipVisionGraph.Build(files.Architecture, files.Seed), visionPath, report, cancellationToken).ConfigureAwait(false);
        await QuantizeAsync(ClipTextGraph.Build(files.Architecture, files.Seed), textPath, report, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(markerPath, marker, cancellationToken).ConfigureAwait(false);
        report(string.Create(CultureInfo.InvariantCulture, $"  quantized in {stopwatch.Elapsed.TotalSeconds:F1} s"));
        return (visionPath, textPath);
    }

    private static async Task QuantizeAsync(OnnxGraph graph, string path, Action<string> report, CancellationToken cancellationToken)
    {
        var settings = DynamicQuantization.TransformersJs(graph);
        var quantized = DynamicQuantizer.Quantize(graph, settings);
        var rewritten = quantized.Nodes.Count(node => node.OpType == "MatMulInteger");
        var others = quantized.Nodes.Count(node => node.OpType is "ConvInteger" or "DequantizeLinear");
        var docString = string.Create(CultureInfo.InvariantCulture,
            $"{graph.Name} quantized dynamically ({settings.WeightType} weights, per-channel {settings.PerChannel}, reduce-range {settings.ReduceRange}): benchmarks only.");
        await OnnxGraphWriter.WriteAsync(quantized, path, docString, cancellationToken).ConfigureAwait(false);
        report(string.Create(CultureInfo.InvariantCulture,
            $"  {Path.GetFileName(path)}: {rewritten} MatMuls → MatMulInteger, {others} Conv/Gather quantized ({settings.WeightType}), {new FileInfo(path).Length / 1e6:F1} MB"));
    }
}
