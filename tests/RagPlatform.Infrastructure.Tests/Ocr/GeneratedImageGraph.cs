using Microsoft.ML.OnnxRuntime;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Runs the small generated networks of the OCR graph-rewriting tests (block folding, int8
/// quantisation): one input "x" of 4 channels × side × side, one output "y", as ONNX Runtime runs
/// the real networks (all optimisations, one thread).</summary>
internal static class GeneratedImageGraph
{
    public static float[] Run(byte[] model, float[] input, int side)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 4, side, side]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["x"], [value], ["y"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
