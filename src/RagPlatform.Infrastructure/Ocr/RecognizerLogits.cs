using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>The recogniser's last Softmax (over the 6,625 classes of each step) dropped, so that it gives
/// logits: CTC's best class is the same, and <see cref="CtcGreedyDecoder"/> computes the probability of the
/// characters it emits only (a few steps in four), where ONNX Runtime's Softmax took 2-4 % of the int8
/// network's time on every step.</summary>
internal static class RecognizerLogits
{
    /// <returns>The model with the Softmax that writes its output over the last of its three axes removed, or null
    /// when it has none (or the bytes are not a model this can read).</returns>
    public static byte[]? WithoutSoftmax(byte[] model)
    {
        if (FoldableGraph.Read(model) is not { } graph
            || graph.Nodes.SingleOrDefault(node => node is { OpType: "Softmax", Removed: false, Outputs.Count: 1 } && graph.Readers(node.Outputs[0]) is ([], true)) is not { } softmax
            || graph.IntAttribute(softmax, "axis") is not (2 or -1)
            || graph.Writer(softmax.Inputs[0]) is not { } writer || graph.OnlyReader(softmax.Inputs[0]) != softmax)
        {
            return null;
        }

        writer.Outputs[writer.Outputs.IndexOf(softmax.Inputs[0])] = softmax.Outputs[0];
        softmax.Removed = true;
        return graph.Write();
    }
}
