using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Brings a graph of opset 9 (the PP-OCRv4 recogniser's export) to opset 10, where ONNX's
/// QLinearConv begins: ONNX Runtime fuses QDQ convolutions into that operator of the model's own
/// standard opset, and refuses the model if the opset has none. Between 9 and 10 only Slice (its
/// starts, ends and axes become inputs), TopK (k becomes an input) and Upsample (deprecated) changed
/// meaning; Slice is rewritten, a graph with either of the others is left as it is.</summary>
internal static class OpsetTenUpgrade
{
    public const int Version = 10;

    /// <returns>False when the graph has an operator this does not rewrite.</returns>
    public static bool TryApply(FoldableGraph graph, GraphAdditions additions)
    {
        var nodes = graph.Nodes.Where(node => !node.Removed).ToList();
        if (nodes.Any(node => node.OpType is "TopK" or "Upsample"))
        {
            return false;
        }

        var index = 0;
        foreach (var slice in nodes.Where(node => node.OpType == "Slice" && node.Inputs.Count == 1))
        {
            var starts = graph.IntsAttribute(slice, "starts");
            var ends = graph.IntsAttribute(slice, "ends");
            var axes = graph.IntsAttribute(slice, "axes");
            var name = $"opset10_slice{index++}";
            Add(additions, slice, name + "_starts", starts);
            Add(additions, slice, name + "_ends", ends);
            Add(additions, slice, name + "_axes", axes.Count > 0 ? axes : [.. Enumerable.Range(0, starts.Count).Select(axis => (long)axis)]);
            slice.ReplacementAttributes = [];
        }

        return true;
    }

    private static void Add(GraphAdditions additions, FoldableNode slice, string name, IReadOnlyList<long> values)
    {
        additions.Initializer<long>(name, [values.Count], GraphAdditions.Int64Type, [.. values]);
        slice.Inputs.Add(name);
    }
}
