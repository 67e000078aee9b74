using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Reranking;

/// <summary>A cross-encoder on ONNX Runtime, as the Hugging Face / Optimum exports declare it:
/// int64 <c>input_ids</c> and <c>attention_mask</c> [batch, sequence], <c>token_type_ids</c> when the
/// architecture has segments (BERT, MiniLM; DistilBERT has none), and one float output of one
/// relevance logit per pair ([batch, 1] or [batch]). Inputs are fed by their declared names. One
/// session, created once; runs are thread-safe.</summary>
internal sealed class CrossEncoderNetwork : IDisposable
{
    private readonly InferenceSession _session;
    private readonly bool _takesTokenTypes;
    private readonly string[] _output;

    private CrossEncoderNetwork(InferenceSession session, bool takesTokenTypes, string output)
    {
        _session = session;
        _takesTokenTypes = takesTokenTypes;
        _output = [output];
    }

    /// <exception cref="InvalidDataException">The file is not such a network; the message says why.</exception>
    public static CrossEncoderNetwork Open(string path, SessionOptions options)
    {
        var session = OnnxSessionLoader.Load(path, options);
        try
        {
            var fileName = Path.GetFileName(path);
            var takesTokenTypes = BertInputs.Check(session, fileName, "a cross-encoder");

            if (session.OutputMetadata.Count == 0 || session.OutputMetadata.Values.First() is not { ElementDataType: TensorElementType.Float } output
                || output.Dimensions.Length is not (1 or 2) || (output.Dimensions.Length == 2 && output.Dimensions[1] is not (1 or -1)))
            {
                throw new InvalidDataException(
                    $"{fileName} is not a cross-encoder with one relevance logit per pair: its first output should be float [batch, 1] or [batch].");
            }

            return new CrossEncoderNetwork(session, takesTokenTypes, session.OutputMetadata.Keys.First());
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Scores a batch of pairs, padded to the longest with <paramref name="paddingId"/>.</summary>
    /// <returns>One logit per pair, in order.</returns>
    public float[] Run(IReadOnlyList<EncodedPair> pairs, int paddingId, CancellationToken cancellationToken)
    {
        var batch = pairs.Count;
        var length = pairs.Max(pair => pair.Ids.Length);
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        var types = new long[batch * length];
        Array.Fill(ids, paddingId);
        for (var row = 0; row < batch; row++)
        {
            var pair = pairs[row];
            for (var position = 0; position < pair.Ids.Length; position++)
            {
                ids[(row * length) + position] = pair.Ids[position];
                mask[(row * length) + position] = 1;
                types[(row * length) + position] = pair.TypeIds[position];
            }
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var feeds = new Dictionary<string, OrtValue>(StringComparer.Ordinal) { [BertInputs.InputIds] = idsValue, [BertInputs.AttentionMask] = maskValue };
        if (_takesTokenTypes)
        {
            feeds[BertInputs.TokenTypeIds] = typesValue;
        }

        using (var outputs = _session.RunCancellable(feeds, _output, cancellationToken))
        {
            var logits = outputs[0].GetTensorDataAsSpan<float>();
            if (logits.Length != batch)
            {
                throw new InvalidDataException($"The cross-encoder gave {logits.Length} values for {batch} pairs; it should give one logit per pair.");
            }

            return logits.ToArray();
        }
    }

    public void Dispose() => _session.Dispose();
}
