using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ocr-rec-nodes --ctc-head`: CPU ms per batch of the int8 recogniser as the platform runs it, logits out and read by
/// <see cref="CtcGreedyDecoder"/>, against its CTC head fused (<see cref="FusedCtcHead"/>, Ocr:FusedCtcHead) and the two outputs
/// decoded; one thread, the two run in turn (one run of each, then again), with whether every line reads the same.</summary>
internal static class OcrCtcHeadTimes
{
    public static void Run(byte[] lookupModel, string modelDirectory, IReadOnlyList<(float[] Values, int[] Shape)> batches, int repeats, OcrOperatorLibrary library)
    {
        var logits = RecognizerLogits.WithoutSoftmax(lookupModel) ?? throw new InvalidDataException("the recogniser has no last Softmax to drop");
        var fused = FusedCtcHead.Rewrite(logits)?.Model ?? throw new InvalidDataException("the recogniser's head is not a MatMulIntegerToFloat");
        var decoder = CtcGreedyDecoder.Load(Path.Combine(modelDirectory, "ppocr_keys_v1.txt"));
        using var unfused = Session(logits, library);
        using var head = Session(fused, library);
        foreach (var (values, shape) in batches)
        {
            var (logitTimes, fusedTimes) = (new List<double>(), new List<double>());
            var (expected, actual) = (Unfused(unfused, decoder, values, shape), Fused(head, decoder, values, shape));
            for (var i = 0; i < repeats; i++)
            {
                var start = ProcessCpuClock.NowMs();
                Unfused(unfused, decoder, values, shape);
                logitTimes.Add(ProcessCpuClock.NowMs() - start);
                start = ProcessCpuClock.NowMs();
                Fused(head, decoder, values, shape);
                fusedTimes.Add(ProcessCpuClock.NowMs() - start);
            }

            var (before, after) = (SessionsInTurn.Median(logitTimes), SessionsInTurn.Median(fusedTimes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{string.Join(", ", shape)}] logits + decode median {before,7:F2} ms CPU (min {logitTimes.Min(),7:F2}); fused head + decode {after,7:F2} (min {fusedTimes.Min(),7:F2}); {after / before - 1,6:P1}; texts {(expected.Select(line => line.Text).SequenceEqual(actual.Select(line => line.Text)) ? "the same" : "DIFFER")}, max |Δ confidence| {expected.Zip(actual).Max(pair => Math.Abs(pair.First.Confidence - pair.Second.Confidence)):E1}"));
        }
    }

    private static InferenceSession Session(byte[] model, OcrOperatorLibrary library)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        library.Register(options);
        return new InferenceSession(model, options);
    }

    private static List<(string Text, float Confidence)> Unfused(InferenceSession session, CtcGreedyDecoder decoder, float[] values, int[] shape)
    {
        using var outputs = RunOnce(session, values, shape);
        var dims = outputs[0].GetTensorTypeAndShape().Shape;
        var (steps, classes) = ((int)dims[1], (int)dims[2]);
        var scores = outputs[0].GetTensorDataAsSpan<float>();
        List<(string, float)> lines = [];
        for (var line = 0; line < dims[0]; line++)
        {
            lines.Add(decoder.Decode(scores.Slice(line * steps * classes, steps * classes), logits: true));
        }

        return lines;
    }

    private static List<(string Text, float Confidence)> Fused(InferenceSession session, CtcGreedyDecoder decoder, float[] values, int[] shape)
    {
        using var outputs = RunOnce(session, values, shape);
        var steps = (int)outputs[0].GetTensorTypeAndShape().Shape[1];
        var best = outputs[0].GetTensorDataAsSpan<int>();
        var sums = outputs[1].GetTensorDataAsSpan<float>();
        List<(string, float)> lines = [];
        for (var line = 0; line < shape[0]; line++)
        {
            lines.Add(decoder.Decode(best.Slice(line * steps, steps), sums.Slice(line * steps, steps)));
        }

        return lines;
    }

    private static IDisposableReadOnlyCollection<OrtValue> RunOnce(InferenceSession session, float[] values, int[] shape)
    {
        using var run = new RunOptions();
        using var value = OrtValue.CreateTensorValueFromMemory(values, [.. shape.Select(dimension => (long)dimension)]);
        return session.Run(run, [session.InputMetadata.Keys.Single()], [value], [.. session.OutputMetadata.Keys]);
    }
}
