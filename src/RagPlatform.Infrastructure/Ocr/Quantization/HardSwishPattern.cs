using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>The folded PP-LCNetV3 block tail as it stands in the graph after <see cref="HardSwishBlockFolding"/>:
/// <c>x · HardSigmoid(x)</c>, sometimes with a scalar shift b2 added after it. Found here once for the
/// rewrites that keep it in uint8 (<see cref="QuantizedHardSwish"/>, <see cref="QuantizedPooling"/>) or lay it
/// out for NCHWc (<see cref="FloatHardSwishLayout"/>).</summary>
internal static class HardSwishPattern
{
    /// <summary><paramref name="node"/> is <c>sum + b2</c> for a scalar constant b2, and alone reads sum.</summary>
    public static (string Sum, float B2)? ScalarShift(FoldableGraph graph, FoldableNode? node) =>
        node is { OpType: "Add", Inputs.Count: 2 } add && add.Inputs.FirstOrDefault(input => graph.Constants.Scalar(input) is not null) is { } constant
            && add.OtherInput(constant) is { } sum && graph.OnlyReader(sum) == add
            ? (sum, graph.Constants.Scalar(constant)!.Value)
            : null;

    /// <summary><paramref name="product"/> is <c>x · HardSigmoid(x)</c>, and x is read by these two only.</summary>
    public static (FoldableNode Gate, string X)? Gate(FoldableGraph graph, FoldableNode product)
    {
        if (product is not { OpType: "Mul", Inputs: [var first, var second] })
        {
            return null;
        }

        foreach (var (x, gated) in new[] { (first, second), (second, first) })
        {
            if (graph.Writer(gated) is { OpType: "HardSigmoid" } gate && gate.Inputs[0] == x && graph.OnlyReader(gated) == product
                && graph.Readers(x) is ({ Count: 2 } readers, false) && readers.Contains(gate) && readers.Contains(product))
            {
                return (gate, x);
            }
        }

        return null;
    }
}
