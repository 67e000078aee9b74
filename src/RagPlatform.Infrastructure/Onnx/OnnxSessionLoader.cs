using Microsoft.ML.OnnxRuntime;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Opens an ONNX model file, turning ONNX Runtime's failure into a message that names the file.</summary>
internal static class OnnxSessionLoader
{
    /// <exception cref="InvalidDataException">The file is not a loadable ONNX model.</exception>
    public static InferenceSession Load(string path, SessionOptions options) =>
        Create(Path.GetFileName(path), () => new InferenceSession(path, options));

    /// <summary>Opens a model from bytes (rewritten in memory); <paramref name="fileName"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a loadable ONNX model.</exception>
    public static InferenceSession Load(string fileName, byte[] model, SessionOptions options) =>
        Create(fileName, () => new InferenceSession(model, options));

    /// <summary>Opens a dynamically quantized model with its uint8 MatMulInteger weights converted to
    /// int8 in memory (<see cref="UnsignedWeightConversion"/>: same results, faster kernels). The file
    /// stays as it is; a model with nothing to convert is opened from its path.</summary>
    /// <exception cref="InvalidDataException">The file is not a loadable ONNX model.</exception>
    public static InferenceSession LoadWithSignedWeights(string path, SessionOptions options, out UnsignedWeightConversionResult conversion)
    {
        var model = File.ReadAllBytes(path);
        conversion = UnsignedWeightConversion.Apply(model);
        return conversion.Changed
            ? Create(Path.GetFileName(path), () => new InferenceSession(model, options))
            : Load(path, options);
    }

    private static InferenceSession Create(string fileName, Func<InferenceSession> create)
    {
        try
        {
            return create();
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidDataException($"{fileName} is not a loadable ONNX model ({exception.Message.Trim()}).", exception);
        }
    }
}
