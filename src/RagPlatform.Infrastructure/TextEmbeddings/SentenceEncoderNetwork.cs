using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.TextEmbeddings;

/// <summary>A sentence encoder on ONNX Runtime, as the Hugging Face / Optimum feature-extraction
/// exports declare it: int64 <c>input_ids</c> and <c>attention_mask</c> [batch, sequence],
/// <c>token_type_ids</c> when the architecture has segments, and the token states
/// <c>last_hidden_state</c> [batch, sequence, dimensions] (or the first output of that shape).
/// Pooling and L2 normalisation happen here. One session, created once; runs are thread-safe.</summary>
internal sealed class SentenceEncoderNetwork : IDisposable
{
    public const string HiddenState = "last_hidden_state";

    private readonly InferenceSession _session;
    private readonly bool _takesTokenTypes;
    private readonly string[] _output;

    private SentenceEncoderNetwork(InferenceSession session, bool takesTokenTypes, string output, int dimensions)
    {
        _session = session;
        _takesTokenTypes = takesTokenTypes;
        _output = [output];
        Dimensions = dimensions;
    }

    /// <summary>Length of a pooled vector; 0 until known when the graph leaves it symbolic.</summary>
    public int Dimensions { get; private set; }

    /// <exception cref="InvalidDataException">The file is not such a network; the message says why.</exception>
    public static SentenceEncoderNetwork Open(string path, SessionOptions options)
    {
        var session = OnnxSessionLoader.Load(path, options);
        try
        {
            var fileName = Path.GetFileName(path);
            var takesTokenTypes = BertInputs.Check(session, fileName, "a sentence encoder");

            var outputs = session.OutputMetadata;
            var output = outputs.ContainsKey(HiddenState) ? HiddenState : outputs.Keys.FirstOrDefault();
            if (output is null || outputs[output] is not { ElementDataType: TensorElementType.Float, Dimensions.Length: 3 } states)
            {
                throw new InvalidDataException(
                    $"{fileName} is not a sentence encoder with token states: its output {HiddenState} should be float [batch, sequence, dimensions].");
            }

            return new SentenceEncoderNetwork(session, takesTokenTypes, output, Math.Max(0, states.Dimensions[2]));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Embeds a batch of tokenised texts, padded to the longest with <paramref name="paddingId"/>.</summary>
    /// <returns>One L2-normalised vector per text, in order.</returns>
    public float[][] Run(IReadOnlyList<int[]> texts, int paddingId, TextPooling pooling, CancellationToken cancellationToken)
    {
        var batch = texts.Count;
        var length = texts.Max(text => text.Length);
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        Array.Fill(ids, paddingId);
        for (var row = 0; row < batch; row++)
        {
            for (var position = 0; position < texts[row].Length; position++)
            {
                ids[(row * length) + position] = texts[row][position];
                mask[(row * length) + position] = 1;
            }
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        // One segment: every token type is 0.
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[batch * length], shape);
        var feeds = new Dictionary<string, OrtValue>(StringComparer.Ordinal) { [BertInputs.InputIds] = idsValue, [BertInputs.AttentionMask] = maskValue };
        if (_takesTokenTypes)
        {
            feeds[BertInputs.TokenTypeIds] = typesValue;
        }

        using var outputs = _session.RunCancellable(feeds, _output, cancellationToken);
        var states = outputs[0].GetTensorDataAsSpan<float>();
        var dimensions = states.Length / (batch * length);
        if (dimensions == 0 || states.Length != batch * length * dimensions || (Dimensions != 0 && dimensions != Dimensions))
        {
            throw new InvalidDataException($"The sentence encoder gave {states.Length} values for {batch} texts of {length} tokens; it should give {Dimensions} per token.");
        }

        Dimensions = dimensions;
        var vectors = new float[batch][];
        for (var row = 0; row < batch; row++)
        {
            var rowStates = states.Slice(row * length * dimensions, length * dimensions);
            vectors[row] = Pool(rowStates, texts[row].Length, dimensions, pooling);
        }

        return vectors;
    }

    public void Dispose() => _session.Dispose();

    /// <param name="realTokens">The text's tokens before the padding (its mask is 1 exactly there).</param>
    private static float[] Pool(ReadOnlySpan<float> states, int realTokens, int dimensions, TextPooling pooling)
    {
        var vector = new float[dimensions];
        var rows = pooling == TextPooling.Cls ? 1 : realTokens;
        for (var token = 0; token < rows; token++)
        {
            var state = states.Slice(token * dimensions, dimensions);
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] += state[i];
            }
        }

        // Dividing by the count is unnecessary before normalising: the direction is the same.
        var norm = MathF.Sqrt(vector.Sum(value => value * value));
        if (!float.IsFinite(norm) || norm == 0)
        {
            throw new InvalidDataException("The sentence encoder gave a zero or non-finite vector.");
        }

        for (var i = 0; i < dimensions; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }
}
