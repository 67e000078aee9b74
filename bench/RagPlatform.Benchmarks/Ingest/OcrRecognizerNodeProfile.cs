using System.Globalization;
using System.Text.Json;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ocr-rec-nodes`: the int8 recogniser's time node by node (ONNX Runtime's profiler, one
/// thread) on batches of eight calibration lines 320 and 960 pixels wide, summed by operator, the
/// convolutions also by kind (full k × k such as the stem, depthwise k × k, pointwise 1 × 1) and by
/// the resolution they write, and the largest nodes with their output shapes.</summary>
internal static class OcrRecognizerNodeProfile
{
    public static int Run(string modelDirectory, int repeats, int top, bool variants, bool ctcHead = false)
    {
        var folded = HardSwishBlockFolding.Apply(File.ReadAllBytes(Path.Combine(modelDirectory, "ch_PP-OCRv4_rec_infer.onnx"))).Model;
        var plan = OcrInt8Calibration.Recognizer();
        List<(float[] Values, int[] Shape)> calibration = [.. plan.Inputs];
        var quantized = OcrInt8Quantizer.Quantize(folded, calibration, intraOpThreads: 1, plan.Rewrite).Model;
        var batches = RecognizerBatches.Of(calibration);
        var library = OcrOperatorLibrary.Find(configuredPath: null, out var missing);
        if (variants)
        {
            OcrRecognizerVariantTimes.Run(folded, quantized, calibration, batches, repeats, library);
            return 0;
        }

        // The network as the platform runs it: hard-swish as table lookups when the library is there (Ocr:LookupHardSwish).
        Console.WriteLine(library is null ? $"hard-swish as QLinearAdd and QLinearMul: {missing}" : $"hard-swish as table lookups ({library.Path})");
        Action<Microsoft.ML.OnnxRuntime.SessionOptions>? configure = library is null ? null : library.Register;
        quantized = library is null ? quantized : OcrInt8Quantizer.Quantize(folded, calibration, intraOpThreads: 1, plan.Rewrite with { LookupHardSwish = true }).Model;
        if (ctcHead)
        {
            OcrCtcHeadTimes.Run(quantized, modelDirectory, [.. batches, (batches[0].Values[..(3 * 48 * 320)], [1, 3, 48, 320])],
                repeats, library ?? throw new InvalidOperationException(missing));
            return 0;
        }


        // As the platform runs it: without the last Softmax (RecognizerLogits), then with the CTC head fused (Ocr:FusedCtcHead).
        var logits = RecognizerLogits.WithoutSoftmax(quantized) ?? quantized;
        var fused = library is null ? null : FusedCtcHead.Rewrite(logits)?.Model;
        var convs = ConvWeights(folded);
        foreach (var (values, shape) in batches)
        {
            Console.WriteLine("CTC head as MatMulIntegerToFloat, logits out:");
            Profile(logits, convs, values, shape, repeats, top, configure);
            if (fused is not null)
            {
                Console.WriteLine("CTC head fused with the best-class search (Ocr:FusedCtcHead):");
                Profile(fused, convs, values, shape, repeats, top, configure);
            }
        }

        return 0;
    }

    /// <summary>The weights' shape of each convolution by the name Paddle's export gives it (p2o.Conv.N, the N-th of the graph's
    /// convolutions: ONNX Runtime's profile keeps the name, but omits prepacked weights from the node's inputs).</summary>
    private static Dictionary<string, long[]> ConvWeights(byte[] folded)
    {
        var graph = FoldableGraph.Read(folded)!;
        return graph.Nodes.Where(node => node.OpType == "Conv").Select((node, index) => (Name: $"p2o.Conv.{index}", Dims: graph.Constants.Dims(node.Inputs[1])))
            .ToDictionary(entry => entry.Name, entry => entry.Dims.ToArray(), StringComparer.Ordinal);
    }

    private static void Profile(byte[] model, IReadOnlyDictionary<string, long[]> convs, float[] values, int[] shape, int repeats, int top,
        Action<Microsoft.ML.OnnxRuntime.SessionOptions>? configure)
    {
        var nodes = OrtNodeTimes.Profile(model, values, shape, repeats, configure)
            .ToDictionary(pair => pair.Key, pair => (pair.Value.Op, Shape: pair.Value.OutputShape, Conv: Kind(pair.Key, convs, pair.Value.OutputShape), pair.Value.Us), StringComparer.Ordinal);
        var total = nodes.Values.Sum(entry => entry.Us);
        string Ms(double us) => string.Create(CultureInfo.InvariantCulture, $"{us / repeats / 1000,7:F2} ms {us / total,6:P1}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{string.Join(", ", shape)}]: {total / repeats / 1000:F2} ms per run (wall, profiled), {total / repeats / (shape[0] * shape[3]):F1} µs per column, {nodes.Count} nodes"));
        Console.WriteLine("by operator:");
        foreach (var group in nodes.Values.GroupBy(entry => entry.Op).OrderByDescending(group => group.Sum(entry => entry.Us)))
        {
            Console.WriteLine($"  {Ms(group.Sum(entry => entry.Us))} {group.Key} ({group.Count()})");
        }

        Console.WriteLine("convolutions by kind and output resolution (H × W):");
        foreach (var group in nodes.Values.Where(entry => entry.Conv is not null).GroupBy(entry => $"{entry.Op} {entry.Conv}")
            .OrderByDescending(group => group.Sum(entry => entry.Us)))
        {
            Console.WriteLine($"  {Ms(group.Sum(entry => entry.Us))} {group.Key} ({group.Count()})");
        }

        Console.WriteLine("largest nodes:");
        foreach (var (node, entry) in nodes.OrderByDescending(pair => pair.Value.Us).Take(top))
        {
            Console.WriteLine($"  {Ms(entry.Us)} {entry.Op,-22} {node,-44} {entry.Conv} {entry.Shape}");
        }
    }

    /// <summary>"depthwise 5×5 @ 6×80" and the like, from the weights' and the output's shapes; null when not a convolution.</summary>
    private static string? Kind(string node, IReadOnlyDictionary<string, long[]> convs, string outputShape)
    {
        var conv = node.Split('_')[0];
        if (!convs.TryGetValue(conv, out var weights) || outputShape.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(outputShape);
        var outputs = document.RootElement;
        if (outputs.GetArrayLength() == 0)
        {
            return null;
        }

        int[] output = [.. outputs[0].EnumerateObject().Single().Value.EnumerateArray().Select(dimension => dimension.GetInt32())];
        if (weights.Length != 4 || output.Length != 4)
        {
            return null;
        }

        var kind = weights[2] == 1 && weights[3] == 1 ? "pointwise 1×1" : weights[1] == 1 ? $"depthwise {weights[2]}×{weights[3]}" : $"full {weights[2]}×{weights[3]}";
        // NCHW writes the output channels second; the NHWC form ONNX Runtime gives QLinearConv, last.
        var (height, width, channels) = output[1] == weights[0] ? (output[2], output[3], output[1]) : (output[1], output[2], output[3]);
        return channels == weights[0] ? $"{kind} @ {height}×{width}" : $"{kind}? @ {height}×{width}";
    }
}
