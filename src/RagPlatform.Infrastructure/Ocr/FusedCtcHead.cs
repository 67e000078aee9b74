using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Ocr.Quantization;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The int8 recogniser's CTC head (its last MatMulIntegerToFloat, logits over 6,625 classes per step once
/// <see cref="RecognizerLogits"/> dropped the Softmax) replaced by the platform library's <c>CtcHead</c> operator
/// (src/native/ctchead.c): the same logits, bit for bit, computed a few steps at a time in cache, of which it returns
/// only what <see cref="CtcGreedyDecoder"/> reads: each step's best class (<see cref="BestOutputSuffix"/>, int32) and,
/// for the steps that emit a character, Σ exp(logit − best logit) (<see cref="SumsOutputSuffix"/>, float; 0 for the
/// others). The [lines, steps, classes] floats (21 MB for a screenshot) are never written.</summary>
internal static class FusedCtcHead
{
    /// <summary>The domain the library registers the operator in (after the network's NHWC region, so a domain of
    /// its own does not stop ONNX Runtime's transpose optimiser, unlike the hard-swish lookup's).</summary>
    public const string Domain = "ai.ragplatform.ocr";

    public const string BestOutputSuffix = "_best";

    public const string SumsOutputSuffix = "_sums";

    /// <returns>The model with its head replaced and the number of classes, or null when the model's output is not
    /// written by a MatMulIntegerToFloat with a constant float bias [classes] (or the bytes are not a model). The
    /// operator itself refuses weights, scales or zero points that are not constants.</returns>
    public static (byte[] Model, int Classes)? Rewrite(byte[] model)
    {
        if (FoldableGraph.Read(model) is not { } graph
            || graph.Nodes.SingleOrDefault(node => node is { OpType: "MatMulIntegerToFloat", Removed: false, Outputs.Count: 1, Inputs.Count: 7 }
                && graph.Readers(node.Outputs[0]) is ([], true)) is not { } head
            || !graph.Constants.Contains(head.Inputs[6]) || graph.Constants.Dims(head.Inputs[6]) is not [var classes])
        {
            return null;
        }

        var logits = head.Outputs[0];
        head.OpType = "CtcHead";
        head.ReplacementDomain = Domain;
        head.Outputs[0] = logits + BestOutputSuffix;
        head.Outputs.Add(logits + SumsOutputSuffix);
        graph.RemoveGraphOutput(logits);
        var additions = new GraphAdditions();
        additions.Output(logits + BestOutputSuffix, GraphAdditions.Int32Type);
        additions.Output(logits + SumsOutputSuffix, GraphAdditions.FloatType);
        return (additions.AppendTo(graph.Write(), Domain), checked((int)classes));
    }
}
