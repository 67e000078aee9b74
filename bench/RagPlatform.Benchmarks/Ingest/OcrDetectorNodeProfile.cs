using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ocr-det-nodes`: the int8 detector's time node by node (ONNX Runtime's profiler, one
/// thread, on a 640 × 416 calibration input), with each node's output shape, so the float part
/// can be told apart by resolution.</summary>
internal static class OcrDetectorNodeProfile
{
    public static int Run(string modelDirectory, int repeats, int top)
    {
        var folded = HardSwishBlockFolding.Apply(File.ReadAllBytes(Path.Combine(modelDirectory, "ch_PP-OCRv4_det_infer.onnx"))).Model;
        if (Environment.GetEnvironmentVariable("OCR_DUMP_GRAPH") is not null)
        {
            var graph = FoldableGraph.Read(folded)!;
            var index = 0;
            foreach (var node in graph.Nodes.Where(node => !node.Removed))
            {
                var extra = node.OpType is "Conv" or "ConvTranspose"
                    ? $" w[{string.Join(",", graph.Constants.Dims(node.Inputs[1]))}] g{graph.IntAttribute(node, "group") ?? 1} s{string.Join(",", graph.IntsAttribute(node, "strides"))}"
                    : "";
                Console.WriteLine($"{index++,4} {node.OpType,-20} {string.Join(" ", node.Inputs.Where(input => !graph.Constants.Contains(input) || node.OpType != "Conv"))} -> {string.Join(" ", node.Outputs)}{extra}");
            }
        }

        var plan = OcrInt8Calibration.Detector();
        if (Environment.GetEnvironmentVariable("OCR_VARIANTS") is not null)
        {
            List<(float[] Values, int[] Shape)> inputs = [.. plan.Inputs];
            byte[] Quantize(byte[] model, bool fold, int leading) =>
                OcrInt8Quantizer.Quantize(model, inputs, 1, leading, true, fold).Model;

            byte[] SeFloat(byte[] model, string limit)
            {
                Environment.SetEnvironmentVariable("OCR_SE_FLOAT", limit);
                var result = Quantize(model, true, plan.LeadingFloatConvs);
                Environment.SetEnvironmentVariable("OCR_SE_FLOAT", null);
                return result;
            }

            OcrDetectorVariantTimes.Run(folded, [("folded", m => Quantize(m, true, plan.LeadingFloatConvs)), ("SE 1x1 <= 16 float", m => SeFloat(m, "16")),
                ("SE 1x1 <= 48 float", m => SeFloat(m, "48")), ("SE 1x1 all float", m => SeFloat(m, "100000"))], repeats);
            return 0;
        }

        List<(float[] Values, int[] Shape)> calibration = [.. plan.Inputs];
        var (quantized, _) = OcrInt8Quantizer.Quantize(folded, calibration, intraOpThreads: 1, Environment.GetEnvironmentVariable("OCR_NO_FOLD") is null ? plan.LeadingFloatConvs : OcrInt8Quantizer.DetectorFloatConvs,
            plan.IntegerHardSwish, plan.FoldNormalization && Environment.GetEnvironmentVariable("OCR_NO_FOLD") is null);
        var prefix = Path.Combine(Path.GetTempPath(), $"ocr-det-nodes-{Environment.ProcessId}");
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = 1,
            ProfileOutputPathPrefix = prefix,
            OptimizedModelFilePath = prefix + "-optimized.onnx",
        };
        options.EnableProfiling = true;
        using var session = new InferenceSession(quantized, options);
        var (values, shape) = calibration[0];
        var name = session.InputMetadata.Keys.Single();
        using var run = new RunOptions();
        for (var i = 0; i < repeats; i++)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(values, [.. shape.Select(dimension => (long)dimension)]);
            using var outputs = session.Run(run, [name], [value], [session.OutputMetadata.Keys.Single()]);
        }

        var file = session.EndProfiling();
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var byNode = new Dictionary<string, (string Op, string Shape, double Us)>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var itemName = item.GetProperty("name").GetString() ?? "";
            if (item.GetProperty("cat").GetString() != "Node" || !itemName.EndsWith("_kernel_time", StringComparison.Ordinal)
                || !item.TryGetProperty("args", out var args))
            {
                continue;
            }

            var node = itemName[..^"_kernel_time".Length];
            var op = args.TryGetProperty("op_name", out var opName) ? opName.GetString() ?? "?" : "?";
            var outShape = args.TryGetProperty("output_type_shape", out var shapes) ? shapes.GetRawText() : "";
            var seen = byNode.GetValueOrDefault(node, (op, outShape, 0));
            byNode[node] = (op, outShape, seen.Us + item.GetProperty("dur").GetDouble());
        }

        var total = byNode.Values.Sum(entry => entry.Us);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total / repeats / 1000:F2} ms per run, {byNode.Count} nodes; optimized model {prefix}-optimized.onnx"));
        foreach (var group in byNode.Values.GroupBy(entry => entry.Op).OrderByDescending(group => group.Sum(entry => entry.Us)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Sum(entry => entry.Us) / repeats / 1000:F2} ms ({group.Count()})"));
        }

        foreach (var (node, (op, outShape, us)) in byNode.OrderByDescending(pair => pair.Value.Us).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{us / repeats / 1000,7:F3} ms {us / total,6:P1} {op,-22} {node,-40} {outShape}"));
        }

        File.Delete(file);
        return 0;
    }
}
