using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>The PP-OCRv4 detector's RSE-FPN neck adds each squeeze-and-excitation product to its
/// input: <c>x + x · g</c>, g one value per channel ([N, C, 1, 1], a HardSigmoid of the pooled path).
/// Written as <c>x · (g + 1)</c> the + 1 is added to the C values of g instead of to every pixel: one
/// pass over the feature map less per block (eight in the neck, at up to a quarter of the input's
/// resolution). Exact up to float rounding.</summary>
internal static class ResidualGateFolding
{
    /// <returns>How many sums were rewritten.</returns>
    public static int Apply(FoldableGraph graph, GraphAdditions additions)
    {
        var one = string.Empty;
        var rewritten = 0;
        foreach (var sum in graph.Nodes.Where(node => node is { OpType: "Add", Removed: false, Inputs.Count: 2, Outputs.Count: 1 }).ToList())
        {
            foreach (var x in sum.Inputs.Distinct(StringComparer.Ordinal).ToList())
            {
                if (graph.Writer(sum.OtherInput(x)!) is not { OpType: "Mul", Inputs.Count: 2 } product || graph.OnlyReader(product.Outputs[0]) != sum
                    || product.OtherInput(x) is not { } gate || graph.Writer(gate) is not { OpType: "HardSigmoid" } hardSigmoid
                    || graph.Writer(hardSigmoid.Inputs[0]) is not { OpType: "Conv" } excitation || !IsPooled(graph, excitation))
                {
                    continue;
                }

                if (one.Length == 0)
                {
                    one = "residual_gate_one";
                    additions.Initializer<float>(one, [], GraphAdditions.FloatType, [1f]);
                }

                var plusOne = gate + "_plus_one";
                additions.Node("Add", [gate, one], plusOne, domain: string.Empty);
                product.Inputs.Clear();
                product.Inputs.AddRange([x, plusOne]);
                product.Outputs[0] = sum.Outputs[0];
                sum.Removed = true;
                rewritten++;
                break;
            }
        }

        return rewritten;
    }

    /// <summary>The excitation path starts at a GlobalAveragePool (through Conv and Relu steps), so the gate is one value per channel.</summary>
    private static bool IsPooled(FoldableGraph graph, FoldableNode node)
    {
        for (var step = 0; step < 8 && node is not null; step++)
        {
            if (node.OpType == "GlobalAveragePool")
            {
                return true;
            }

            if (node.OpType is not ("Conv" or "Relu"))
            {
                return false;
            }

            node = graph.Writer(node.Inputs[0])!;
        }

        return false;
    }
}
