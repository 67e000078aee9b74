using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ocr-det-nodes --variants`: CPU ms per run of int8 detector variants, run in turn
/// (<see cref="SessionsInTurn"/>).</summary>
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
                var (outputs, times) = SessionsInTurn.Time([.. sessions.Select(entry => entry.Session)], input, shape, repeats);

                for (var v = 0; v < sessions.Count; v++)
                {
                    var difference = outputs[0].Zip(outputs[v], (x, y) => Math.Abs(x - y)).ToArray();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{string.Join(", ", shape)}] {sessions[v].Name,-28} median {SessionsInTurn.Median(times[v]),7:F1} ms CPU, min {times[v].Min(),7:F1}; |Δ| from the first: mean {difference.Average():F4}, max {difference.Max():F4}"));
                }
            }
        }
        finally
        {
            sessions.ForEach(entry => entry.Session.Dispose());
        }
    }
}
