using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ocr-rec-nodes --variants`: CPU ms per run of the fp32 recogniser and int8 variants (rewrites,
/// session settings; at present QDQ hard-swish against <see cref="OcrOperatorLibrary"/>'s lookup), one thread, run in turn (<see cref="SessionsInTurn"/>), on the two batches and on narrow ones (one line of 64 and
/// of 320 columns, eight of 64: a run's fixed cost); with how often each agrees with fp32's best class.</summary>
internal static class OcrRecognizerVariantTimes
{
    public static void Run(byte[] folded, byte[] quantized, IReadOnlyList<(float[] Values, int[] Shape)> calibration,
        IReadOnlyList<(float[] Values, int[] Shape)> batches, int repeats, OcrOperatorLibrary? library)
    {
        var plan = OcrInt8Calibration.Recognizer();
        byte[] Quantize(byte[] model, OcrInt8Rewrite rewrite) => OcrInt8Quantizer.Quantize(model, calibration, intraOpThreads: 1, rewrite).Model;
        List<(string Name, byte[] Model, Action<SessionOptions>? Configure)> variants =
        [
            ("fp32", folded, null),
            ("QLinearAdd + QLinearMul", quantized, null),
        ];
        if (library is not null)
        {
            // Ocr:LookupHardSwish: the same hard-swish as one table lookup per value (the second row's outputs exactly).
            var lookup = Quantize(folded, plan.Rewrite with { LookupHardSwish = true });
            variants.AddRange([("hard-swish lookup", lookup, library.Register), ("QLinearAdd + QLinearMul again", quantized, null), ("hard-swish lookup again", lookup, library.Register)]);
        }
        else
        {
            Console.WriteLine("no hard-swish lookup rows: the library is missing (scripts/build-native.sh)");
        }
        var sessions = variants.Select(variant =>
        {
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
            variant.Configure?.Invoke(options);
            return (variant.Name, Session: new InferenceSession(variant.Model, options));
        }).ToList();
        try
        {
            var narrow = batches[0];
            IEnumerable<(float[] Values, int[] Shape)> Shapes() => [.. batches,
                (narrow.Values[..(3 * 48 * 64)], [1, 3, 48, 64]), (NarrowLines(narrow, 8, 64), [8, 3, 48, 64]), (narrow.Values[..(3 * 48 * 320)], [1, 3, 48, 320])];
            foreach (var (input, shape) in Shapes())
            {
                var (outputs, times) = SessionsInTurn.Time([.. sessions.Select(entry => entry.Session)], input, shape, repeats);

                for (var v = 0; v < sessions.Count; v++)
                {
                    var median = SessionsInTurn.Median(times[v]);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{string.Join(", ", shape)}] {sessions[v].Name,-30} median {median,7:F2} ms CPU ({1000 * median / (shape[0] * shape[3]),5:F1} µs/column), min {times[v].Min(),7:F2}; {Agreement(outputs[0], outputs[v])}; against row 2: {Agreement(outputs[1], outputs[v])}"));
                }
            }
        }
        finally
        {
            sessions.ForEach(entry => entry.Session.Dispose());
        }
    }

    /// <summary>The first <paramref name="width"/> columns of each of the batch's first lines.</summary>
    private static float[] NarrowLines((float[] Values, int[] Shape) batch, int lines, int width)
    {
        var source = batch.Shape[3];
        var result = new float[lines * 3 * 48 * width];
        for (var row = 0; row < lines * 3 * 48; row++)
        {
            batch.Values.AsSpan(row * source, width).CopyTo(result.AsSpan(row * width, width));
        }

        return result;
    }

    /// <summary>How many steps have the same best class as the first variant's, and the largest difference of that class's value.</summary>
    private static string Agreement(float[] expected, float[] actual)
    {
        const int classes = 6625;
        var (same, steps, largest) = (0, expected.Length / classes, 0f);
        for (var step = 0; step < steps; step++)
        {
            var a = expected.AsSpan(step * classes, classes);
            var b = actual.AsSpan(step * classes, classes);
            var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(a);
            same += best == System.Numerics.Tensors.TensorPrimitives.IndexOfMax(b) ? 1 : 0;
            largest = Math.Max(largest, Math.Abs(a[best] - b[best]));
        }

        return string.Create(CultureInfo.InvariantCulture, $"same best class {same}/{steps}, max |Δ| of its value {largest:F4}");
    }
}
