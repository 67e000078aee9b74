using Microsoft.ML.OnnxRuntime;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Runs a float model on calibration inputs and records the range of chosen activations
/// (fetched as extra graph outputs) and of the model's image input.</summary>
internal static class ActivationCalibration
{
    /// <param name="activations">Values written by the model's nodes (not its input).</param>
    /// <param name="inputs">Row-major [N, 3, H, W] tensors for the model's single input.</param>
    public static Dictionary<string, ActivationRange> Measure(byte[] model, IReadOnlyList<string> activations,
        IEnumerable<(float[] Values, int[] Shape)> inputs, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC,
            IntraOpNumThreads = intraOpThreads,
        };
        var fetched = activations.ToArray();
        using var session = new InferenceSession(ConvQdqQuantization.WithOutputs(model, fetched), options);
        var inputName = session.InputMetadata.Keys.Single();
        var ranges = new Dictionary<string, ActivationRange>(StringComparer.Ordinal);
        using var run = new RunOptions();
        foreach (var (values, shape) in inputs)
        {
            Record(ranges, inputName, values, shape[2] * shape[3]);
            using var value = OrtValue.CreateTensorValueFromMemory(values, [.. shape.Select(dimension => (long)dimension)]);
            using var outputs = session.Run(run, [inputName], [value], fetched);
            for (var i = 0; i < fetched.Length; i++)
            {
                var dims = outputs[i].GetTensorTypeAndShape().Shape;
                Record(ranges, fetched[i], outputs[i].GetTensorDataAsSpan<float>(), dims.Length == 4 ? dims[2] * dims[3] : long.MaxValue);
            }
        }

        return ranges;
    }

    private static void Record(Dictionary<string, ActivationRange> ranges, string name, ReadOnlySpan<float> values, long pixels)
    {
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        var range = new ActivationRange(min, max, pixels);
        ranges[name] = ranges.TryGetValue(name, out var seen) ? seen.Include(range) : range;
    }
}
