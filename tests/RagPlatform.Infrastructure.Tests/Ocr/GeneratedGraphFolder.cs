using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Onnx;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>A temporary folder for the generated networks of the int8 quantisation tests: writes them
/// as ONNX files and reads back what ONNX Runtime makes of them; deleted on dispose.</summary>
internal sealed class GeneratedGraphFolder : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ocr-int8-" + Guid.NewGuid().ToString("N"));

    public async Task<byte[]> WriteAsync(OnnxGraph graph)
    {
        Directory.CreateDirectory(_path);
        var file = Path.Combine(_path, Guid.NewGuid().ToString("N") + ".onnx");
        await OnnxGraphWriter.WriteAsync(graph, file, "int8 quantisation test", TestContext.Current.CancellationToken);
        return await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
    }

    /// <summary>The operators of the graph ONNX Runtime runs after its QDQ fusions (level extended:
    /// before the layout changes of level all, which make the saved graph machine-specific).</summary>
    public List<string> OptimizedOperators(byte[] model)
    {
        Directory.CreateDirectory(_path);
        var file = Path.Combine(_path, Guid.NewGuid().ToString("N") + ".optimized.onnx");
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, IntraOpNumThreads = 1, OptimizedModelFilePath = file })
        using (new InferenceSession(model, options))
        {
        }

        return [.. OnnxProtoReader.Read(File.ReadAllBytes(file)).Nodes.Select(node => node.OpType)];
    }

    /// <summary>The operators whose kernels ran, from ONNX Runtime's profile of one run as
    /// <see cref="GeneratedImageGraph.Run"/> runs it (all optimisations, layout changes included).</summary>
    public HashSet<string> ProfiledOperators(byte[] model, float[] input, int side)
    {
        Directory.CreateDirectory(_path);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = 1,
            ProfileOutputPathPrefix = Path.Combine(_path, "profile"),
        };
        options.EnableProfiling = true;
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 4, side, side]);
        using var runOptions = new RunOptions();
        using (session.Run(runOptions, ["x"], [value], ["y"]))
        {
        }

        using var profile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(session.EndProfiling()));
        return [.. profile.RootElement.EnumerateArray()
            .Where(item => item.GetProperty("cat").GetString() == "Node" && item.TryGetProperty("args", out var args) && args.TryGetProperty("op_name", out _))
            .Select(item => item.GetProperty("args").GetProperty("op_name").GetString() ?? string.Empty)];
    }

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}
