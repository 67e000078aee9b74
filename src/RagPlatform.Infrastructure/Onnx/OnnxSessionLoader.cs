using Microsoft.ML.OnnxRuntime;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Opens an ONNX model file, turning ONNX Runtime's failure into a message that names the file.</summary>
internal static class OnnxSessionLoader
{
    /// <exception cref="InvalidDataException">The file is not a loadable ONNX model.</exception>
    public static InferenceSession Load(string path, SessionOptions options)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a loadable ONNX model ({exception.Message.Trim()}).", exception);
        }
    }
}
