using System.Globalization;
using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ocr-det-nodes`: the int8 detector's time node by node (ONNX Runtime's profiler, one
/// thread, on a 640 × 416 calibration input), with each node's output shape, so the float part
/// can be told apart by resolution.</summary>
internal static class OcrDetectorNodeProfile
{
    /// <param name="variants">Instead of the profile, CPU ms per run of the detector before
    /// <see cref="TransposedHeadFolding"/> and <see cref="FloatHardSwishLayout"/> against with them.</param>
    /// <param name="graph">Also list the folded float graph's nodes (convolutions with their weights' shape).</param>
    public static int Run(string modelDirectory, int repeats, int top, bool variants, bool graph)
    {
        var folded = HardSwishBlockFolding.Apply(File.ReadAllBytes(Path.Combine(modelDirectory, "ch_PP-OCRv4_det_infer.onnx"))).Model;
        if (graph)
        {
            List(folded);
        }

        var plan = OcrInt8Calibration.Detector();
        List<(float[] Values, int[] Shape)> calibration = [.. plan.Inputs];
        byte[] Quantize(byte[] model, OcrInt8Rewrite rewrite) => OcrInt8Quantizer.Quantize(model, calibration, intraOpThreads: 1, rewrite).Model;

        if (variants)
        {
            OcrDetectorVariantTimes.Run(folded,
            [
                ("before (ConvTranspose head)", model => Quantize(model, plan.Rewrite with { HeadBlocks = false, FloatStemLayout = false })),
                ("int8 head blocks", model => Quantize(model, plan.Rewrite with { HeadBlocks = true, FloatStemLayout = false })),
                ("int8 head blocks, stem in NCHWc", model => Quantize(model, plan.Rewrite with { HeadBlocks = true })),
                ("float head blocks", model => TransposedHeadFolding.Apply(Quantize(model, plan.Rewrite with { HeadBlocks = false, FloatStemLayout = false }))),
                ("now (the defaults: ConvTranspose head, stem in NCHWc)", model => Quantize(model, plan.Rewrite)),
                ("before (again)", model => Quantize(model, plan.Rewrite with { HeadBlocks = false, FloatStemLayout = false })),
                ("now (again)", model => Quantize(model, plan.Rewrite)),
            ], repeats);
            return 0;
        }

        var quantized = Quantize(folded, plan.Rewrite);
        var (values, shape) = calibration[0];
        var byNode = OrtNodeTimes.Profile(quantized, values, shape, repeats);
        var total = byNode.Values.Sum(entry => entry.Us);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total / repeats / 1000:F2} ms per run (wall, profiled), {byNode.Count} nodes"));
        foreach (var group in byNode.Values.GroupBy(entry => entry.Op).OrderByDescending(group => group.Sum(entry => entry.Us)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Sum(entry => entry.Us) / repeats / 1000:F2} ms ({group.Count()})"));
        }

        foreach (var (node, (op, outShape, us)) in byNode.OrderByDescending(pair => pair.Value.Us).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{us / repeats / 1000,7:F3} ms {us / total,6:P1} {op,-22} {node,-40} {outShape}"));
        }

        return 0;
    }

    private static void List(byte[] model)
    {
        var graph = FoldableGraph.Read(model)!;
        var index = 0;
        foreach (var node in graph.Nodes.Where(node => node is { Removed: false } && node.OpType != "Constant"))
        {
            var weights = node.OpType is "Conv" or "ConvTranspose"
                ? string.Create(CultureInfo.InvariantCulture,
                    $" w[{string.Join(",", graph.Constants.Dims(node.Inputs[1]))}] group {graph.IntAttribute(node, "group") ?? 1} strides {string.Join(",", graph.IntsAttribute(node, "strides"))}")
                : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{index++,4} {node.OpType,-20} {string.Join(" ", node.Inputs.Where(input => !graph.Constants.Contains(input)))} -> {string.Join(" ", node.Outputs)}{weights}"));
        }
    }
}
