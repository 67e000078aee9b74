using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>A network's time node by node: ONNX Runtime's profiler on one thread over
/// <c>repeats</c> runs of one input, its kernel times summed by node (`ocr-det-nodes`, `ocr-rec-nodes`).</summary>
internal static class OrtNodeTimes
{
    /// <summary>One node's summed kernel time.</summary>
    /// <param name="OutputShape">The profile's <c>output_type_shape</c> as JSON, e.g. <c>[{"float":[8,480,1,40]}]</c>.</param>
    public sealed record Node(string Op, string OutputShape, double Us);

    /// <param name="configure">Session settings beyond the profiler's (an operator library).</param>
    public static Dictionary<string, Node> Profile(byte[] model, float[] values, int[] shape, int repeats, Action<SessionOptions>? configure = null)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = 1,
            ProfileOutputPathPrefix = Path.Combine(Path.GetTempPath(), $"ort-node-times-{Environment.ProcessId}"),
        };
        options.EnableProfiling = true;
        configure?.Invoke(options);
        using var session = new InferenceSession(model, options);
        var name = session.InputMetadata.Keys.Single();
        using var run = new RunOptions();
        for (var i = 0; i < repeats; i++)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(values, [.. shape.Select(dimension => (long)dimension)]);
            using var outputs = session.Run(run, [name], [value], [.. session.OutputMetadata.Keys]);
        }

        var file = session.EndProfiling();
        try
        {
            return Read(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Dictionary<string, Node> Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var byNode = new Dictionary<string, Node>(StringComparer.Ordinal);
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
            var seen = byNode.GetValueOrDefault(node, new Node(op, outShape, 0));
            byNode[node] = seen with { Us = seen.Us + item.GetProperty("dur").GetDouble() };
        }

        return byNode;
    }
}
