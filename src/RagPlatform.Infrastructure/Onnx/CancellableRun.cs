using Microsoft.ML.OnnxRuntime;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>One ONNX Runtime run that a cancellation token can stop midway: the token sets
/// <see cref="RunOptions.Terminate"/>, and the error ONNX Runtime then raises comes out as
/// <see cref="OperationCanceledException"/>, the way every other cancelled call in the platform ends.</summary>
internal static class CancellableRun
{
    /// <returns>The requested outputs; the caller disposes them.</returns>
    public static IDisposableReadOnlyCollection<OrtValue> RunCancellable(
        this InferenceSession session, IReadOnlyDictionary<string, OrtValue> inputs, IReadOnlyCollection<string> outputNames, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            return session.Run(runOptions, inputs, outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
