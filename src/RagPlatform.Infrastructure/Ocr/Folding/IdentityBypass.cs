namespace RagPlatform.Infrastructure.Ocr.Folding;

/// <summary>Rewires the readers of each Identity node to its input. Paddle's newer exporter (the
/// PP-OCRv5 Latin recogniser, opset 14) puts an Identity after almost every step; ONNX Runtime drops
/// them when it loads the model, but between a convolution and its scale they hide the block from
/// <see cref="HardSwishBlockFolding"/>. An Identity that gives a graph output stays.</summary>
internal static class IdentityBypass
{
    /// <returns>The Identity nodes removed.</returns>
    public static int Apply(FoldableGraph graph)
    {
        var removed = 0;
        foreach (var node in graph.Nodes)
        {
            if (node is not { OpType: "Identity", Removed: false, Inputs.Count: 1, Outputs.Count: 1 } || graph.Readers(node.Outputs[0]) is not (var readers, false))
            {
                continue;
            }

            foreach (var reader in readers)
            {
                for (var i = 0; i < reader.Inputs.Count; i++)
                {
                    if (reader.Inputs[i] == node.Outputs[0])
                    {
                        reader.Inputs[i] = node.Inputs[0];
                    }
                }
            }

            node.Removed = true;
            removed++;
        }

        return removed;
    }
}
