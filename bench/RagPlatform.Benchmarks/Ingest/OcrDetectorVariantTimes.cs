using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ocr-det-nodes --variants`: CPU ms per run of int8 detector variants, run in turn (one
/// run of each, then again) so that a change of the machine's load falls on all of them alike.</summary>
internal static class OcrDetectorVariantTimes
{
    public static void Run(byte[] folded, IReadOnlyList<(string Name, Func<byte[], byte[]> Quantize)> variants, int repeats)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        var sessions = variants.Select(variant => (variant.Name, Session: new InferenceSession(variant.Quantize(folded), options))).ToList();
        try
        {
            var calibration = OcrCalibrationImages.DetectorInputs().First();
            foreach (var shape in new[] { [1, 3, 128, 384], calibration.Shape, [1, 3, 1664, 1280] })
            {
                var input = shape == calibration.Shape ? calibration.Values : NetworkNoise.Of(shape);
                var times = sessions.Select(_ => new List<double>()).ToList();
                var outputs = sessions.Select(entry => Once(entry.Session, input, shape)).ToList();
                for (var i = 0; i < repeats; i++)
                {
                    for (var v = 0; v < sessions.Count; v++)
                    {
                        var start = ProcessCpuClock.NowMs();
                        Once(sessions[v].Session, input, shape);
                        times[v].Add(ProcessCpuClock.NowMs() - start);
                    }
                }

                for (var v = 0; v < sessions.Count; v++)
                {
                    var difference = outputs[0].Zip(outputs[v], (x, y) => Math.Abs(x - y)).ToArray();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{string.Join(", ", shape)}] {sessions[v].Name,-28} median {times[v].Order().ElementAt(times[v].Count / 2),7:F1} ms CPU, min {times[v].Min(),7:F1}; |Δ| from the first: mean {difference.Average():F4}, max {difference.Max():F4}"));
                }
            }
        }
        finally
        {
            sessions.ForEach(entry => entry.Session.Dispose());
        }
    }

    private static float[] Once(InferenceSession session, float[] input, int[] shape)
    {
        var name = session.InputMetadata.Keys.Single();
        using var run = new RunOptions();
        using var value = OrtValue.CreateTensorValueFromMemory(input, [.. shape.Select(dimension => (long)dimension)]);
        using var outputs = session.Run(run, [name], [value], [session.OutputMetadata.Keys.Single()]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
