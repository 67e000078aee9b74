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

    /// <summary>The vision tower with Int8 instead of UInt8 weights (not what the export publishes).</summary>
    public const string SignedVisionFileName = "vision_model_quantized_s8.onnx";

    /// <summary>Bump whenever the quantizer's output changes, to regenerate existing int8 files.</summary>
    public const int QuantizerVersion = 2;

    /// <param name="signedVisionWeights">Quantize the vision tower with Int8 weights, as the text tower
    /// is, instead of the export's UInt8 (written to <see cref="SignedVisionFileName"/>).</param>
    public static async Task<(string VisionPath, string TextPath)> EnsureAsync(
        ClipModelFiles files, bool signedVisionWeights, Action<string> report, CancellationToken cancellationToken)
    {
        var visionPath = Path.Combine(files.Directory, signedVisionWeights ? SignedVisionFileName : VisionFileName);
        var textPath = Path.Combine(files.Directory, TextFileName);
        var markerPath = Path.Combine(files.Directory, signedVisionWeights ? "quantized-s8.txt" : "quantized.txt");
        var marker = string.Create(CultureInfo.InvariantCulture, $"quantizer {QuantizerVersion}");
        if (File.Exists(visionPath) && File.Exists(textPath) && File.Exists(markerPath) &&
            (await File.ReadAllTextAsync(markerPath, cancellationToken).ConfigureAwait(false)).Trim() == marker)
        {
            return (visionPath, textPath);
        }

        File.Delete(markerPath);
        var stopwatch = Stopwatch.StartNew();
        var vision = ClipVisionGraph.Build(files.Architecture, files.Seed);
        var visionSettings = signedVisionWeights
            ? DynamicQuantization.TransformersJs(graphHasConv: false)
            : DynamicQuantization.TransformersJs(vision);
        await QuantizeAsync(vision, visionSettings, visionPath, report, cancellationToken).ConfigureAwait(false);
        var text = ClipTextGraph.Build(files.Architecture, files.Seed);
        await QuantizeAsync(text, DynamicQuantization.TransformersJs(text), textPath, report, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(markerPath, marker, cancellationToken).ConfigureAwait(false);
        report(string.Create(CultureInfo.InvariantCulture, $"  quantized in {stopwatch.Elapsed.TotalSeconds:F1} s"));
        return (visionPath, textPath);
    }

    private static async Task QuantizeAsync(OnnxGraph graph, DynamicQuantization settings, string path, Action<string> report, CancellationToken cancellationToken)
    {
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
