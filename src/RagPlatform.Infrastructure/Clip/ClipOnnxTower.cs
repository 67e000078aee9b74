using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>One tower of the dual encoder: an ONNX Runtime session created once and shared
/// (<see cref="InferenceSession.Run(RunOptions, IReadOnlyDictionary{string, OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe). Inputs are fed by the names the graph declares; the output is the projected
/// embedding (<c>text_embeds</c> / <c>image_embeds</c>), L2-normalised.</summary>
internal sealed class ClipOnnxTower : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _outputNames;

    private ClipOnnxTower(
        InferenceSession session, string fileName, string mainInput, string? attentionMask, TensorElementType attentionMaskType, string output,
        UnsignedWeightConversionResult? weightConversion)
    {
        _session = session;
        WeightConversion = weightConversion;
        FileName = fileName;
        MainInput = mainInput;
        AttentionMask = attentionMask;
        AttentionMaskType = attentionMaskType;
        _outputNames = [output];
    }

    public string FileName { get; }

    public string MainInput { get; }

    /// <summary>Set when the graph declares an attention mask input (some text exports do).</summary>
    public string? AttentionMask { get; }

    private TensorElementType AttentionMaskType { get; }

    public string Output => _outputNames[0];

    /// <summary>Set for an int8 tower: which uint8 weights were converted to int8 at load.</summary>
    public UnsignedWeightConversionResult? WeightConversion { get; }

    /// <summary>Opens a tower and finds its input and output by name.</summary>
    /// <param name="mainInput">"input_ids" (int64) or "pixel_values" (float).</param>
    /// <param name="preferredOutput">"text_embeds" or "image_embeds".</param>
    /// <param name="precision">At <see cref="ClipPrecision.Int8"/> the uint8 MatMul weights of the
    /// export's vision tower are converted to int8 in memory (same results, faster kernels).</param>
    /// <exception cref="InvalidDataException">The file is not such a tower; the message says why.</exception>
    public static ClipOnnxTower Open(
        string path, SessionOptions options, string mainInput, TensorElementType mainType, string preferredOutput, ClipPrecision precision = ClipPrecision.Fp32)
    {
        var fileName = Path.GetFileName(path);
        UnsignedWeightConversionResult? conversion = null;
        var session = precision == ClipPrecision.Int8
            ? OnnxSessionLoader.LoadWithSignedWeights(path, options, out conversion)
            : OnnxSessionLoader.Load(path, options);

        try
        {
            var inputs = session.InputMetadata;
            var main = inputs.ContainsKey(mainInput)
                ? mainInput
                : inputs.Where(input => input.Value.ElementDataType == mainType).Select(input => input.Key).SingleOrDefault()
                    ?? throw new InvalidDataException($"{fileName} has no \"{mainInput}\" input (it declares: {string.Join(", ", inputs.Keys)}).");
            if (inputs[main].ElementDataType != mainType)
            {
                throw new InvalidDataException($"{fileName} input \"{main}\" is {inputs[main].ElementDataType}, expected {mainType}.");
            }

            string? mask = inputs.ContainsKey("attention_mask") ? "attention_mask" : null;
            var unknown = inputs.Keys.Where(name => name != main && name != mask).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidDataException($"{fileName} needs inputs this encoder does not provide: {string.Join(", ", unknown)}.");
            }

            var maskType = mask is null ? TensorElementType.Int64 : inputs[mask].ElementDataType;
            return new ClipOnnxTower(session, fileName, main, mask, maskType, ChooseOutput(session, fileName, preferredOutput), conversion);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs a batch and returns one L2-normalised vector per row.</summary>
    /// <param name="input">The main input, row-major, <paramref name="shape"/>[0] rows.</param>
    /// <param name="attentionMask">1 on tokens, 0 on padding; used only if the graph wants it.</param>
    public float[][] Run<T>(T[] input, long[] shape, long[]? attentionMask, CancellationToken cancellationToken)
        where T : unmanaged
    {
        using var mainValue = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var maskValue = AttentionMask is null ? null : CreateMask(attentionMask, shape);
        var inputs = new Dictionary<string, OrtValue> { [MainInput] = mainValue };
        if (maskValue is not null)
        {
            inputs[AttentionMask!] = maskValue;
        }

        using (var outputs = _session.RunCancellable(inputs, _outputNames, cancellationToken))
        {
            return Normalise(outputs[0], (int)shape[0]);
        }
    }

    public void Dispose() => _session.Dispose();

    private OrtValue CreateMask(long[]? attentionMask, long[] shape)
    {
        var mask = attentionMask ?? throw new InvalidOperationException($"{FileName} wants an attention mask.");
        return AttentionMaskType == TensorElementType.Int32
            ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(mask, value => (int)value), shape)
            : OrtValue.CreateTensorValueFromMemory(mask, shape);
    }

    private float[][] Normalise(OrtValue output, int rows)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != rows || shape[1] <= 0)
        {
            throw new InvalidOperationException($"{FileName} output \"{Output}\" has shape [{string.Join(", ", shape)}], expected [{rows}, dimensions].");
        }

        var data = output.GetTensorDataAsSpan<float>();
        var width = (int)shape[1];
        var vectors = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            var vector = data.Slice(row * width, width).ToArray();
            var norm = TensorPrimitives.Norm<float>(vector);
            if (!float.IsFinite(norm) || norm == 0)
            {
                throw new InvalidOperationException($"{FileName} produced a vector of norm {norm}; the model weights are broken.");
            }

            TensorPrimitives.Divide(vector, norm, vector);
            vectors[row] = vector;
        }

        return vectors;
    }

    // The projected embedding by its usual name; otherwise a name with "embeds" in it; otherwise
    // the only two-dimensional float output. Never a hidden state: those are not in the shared space.
    private static string ChooseOutput(InferenceSession session, string fileName, string preferred)
    {
        var outputs = session.OutputMetadata;
        if (outputs.ContainsKey(preferred))
        {
            return preferred;
        }

        var candidates = outputs
            .Where(output => output.Value.ElementDataType == TensorElementType.Float && output.Value.Dimensions.Length == 2)
            .Where(output => !output.Key.Contains("pooler", StringComparison.OrdinalIgnoreCase) &&
                !output.Key.Contains("hidden", StringComparison.OrdinalIgnoreCase))
            .Select(output => output.Key)
            .ToList();
        var named = candidates.Where(name => name.Contains("embeds", StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count == 1 ? named[0]
            : candidates.Count == 1 ? candidates[0]
            : throw new InvalidDataException(
                $"{fileName} has no \"{preferred}\" output and no other single [batch, dimensions] float output to use (it declares: {string.Join(", ", outputs.Keys)}).");
    }
}
