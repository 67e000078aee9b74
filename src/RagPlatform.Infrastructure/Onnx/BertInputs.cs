using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>The inputs of a BERT-family network as the Hugging Face / Optimum exports declare them:
/// int64 <c>input_ids</c> and <c>attention_mask</c> [batch, sequence], and <c>token_type_ids</c> when
/// the architecture has segments (BERT, MiniLM; DistilBERT has none).</summary>
internal static class BertInputs
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";

    /// <summary>Checks the session's inputs.</summary>
    /// <param name="kind">What the network should be, for the message ("a cross-encoder").</param>
    /// <returns>Whether the network takes token type ids.</returns>
    /// <exception cref="InvalidDataException">The inputs are not these; the message says why.</exception>
    public static bool Check(InferenceSession session, string fileName, string kind)
    {
        var inputs = session.InputMetadata;
        string[] known = [InputIds, AttentionMask, TokenTypeIds];
        var unknown = inputs.Keys.Except(known, StringComparer.Ordinal).ToList();
        if (!inputs.ContainsKey(InputIds) || !inputs.ContainsKey(AttentionMask) || unknown.Count > 0)
        {
            throw new InvalidDataException(
                $"{fileName} is not {kind}: it should take {InputIds}, {AttentionMask} and optionally {TokenTypeIds}; it declares {string.Join(", ", inputs.Keys)}.");
        }

        var notInt64 = inputs.Where(input => input.Value.ElementDataType != TensorElementType.Int64).Select(input => input.Key).ToList();
        if (notInt64.Count > 0)
        {
            throw new InvalidDataException($"{fileName}: the inputs {string.Join(", ", notInt64)} should be int64.");
        }

        return inputs.ContainsKey(TokenTypeIds);
    }
}
