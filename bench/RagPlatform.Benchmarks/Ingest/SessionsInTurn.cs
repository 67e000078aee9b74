using Microsoft.ML.OnnxRuntime;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>CPU ms per run of several sessions on one input, run in turn (one run of each, then again)
/// so that a change of the machine's load falls on all of them alike; the variant timers of
/// `ocr-det-nodes` and `ocr-rec-nodes` share it.</summary>
internal static class SessionsInTurn
{
    /// <returns>Each session's first output, and its CPU ms per run (<paramref name="repeats"/> runs each).</returns>
    public static (List<float[]> Outputs, List<List<double>> Times) Time(IReadOnlyList<InferenceSession> sessions, float[] input, int[] shape, int repeats)
    {
        var outputs = sessions.Select(session => Once(session, input, shape)).ToList();
        var times = sessions.Select(_ => new List<double>()).ToList();
        for (var i = 0; i < repeats; i++)
        {
            for (var v = 0; v < sessions.Count; v++)
            {
                var start = ProcessCpuClock.NowMs();
                Once(sessions[v], input, shape);
                times[v].Add(ProcessCpuClock.NowMs() - start);
            }
        }

        return (outputs, times);
    }

    public static double Median(IReadOnlyList<double> times) => times.Order().ElementAt(times.Count / 2);

    private static float[] Once(InferenceSession session, float[] input, int[] shape)
    {
        var name = session.InputMetadata.Keys.Single();
        using var run = new RunOptions();
        using var value = OrtValue.CreateTensorValueFromMemory(input, [.. shape.Select(dimension => (long)dimension)]);
        using var outputs = session.Run(run, [name], [value], [session.OutputMetadata.Keys.Single()]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
