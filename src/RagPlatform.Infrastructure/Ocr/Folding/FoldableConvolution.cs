namespace RagPlatform.Infrastructure.Ocr.Folding;

/// <summary>A convolution whose weights and bias no other node reads, so that they can be changed.
/// Its bias is its third input (PP-OCRv4's export) or a per-channel constant added right after it
/// (PP-OCRv5's: a Conv without bias, then an Add of a [1, C, 1, 1] constant, which ONNX Runtime
/// fuses back into the convolution when it loads the model).</summary>
/// <param name="Last">The node whose output is the convolution plus its bias: the Conv, or the Add.</param>
internal sealed record FoldableConvolution(FoldableNode Node, string Weights, string Bias, FoldableNode Last)
{
    /// <summary>The value that holds the convolution plus its bias.</summary>
    public string Output => Last.Outputs[0];

    public static FoldableConvolution? Find(FoldableGraph graph, FoldableNode node)
    {
        if (node is not { OpType: "Conv", Outputs.Count: 1, Inputs.Count: 2 or 3 } || !OwnConstant(graph, node, node.Inputs[1]))
        {
            return null;
        }

        var channels = graph.Constants.Dims(node.Inputs[1])[0];
        if (node.Inputs.Count == 3)
        {
            return OwnConstant(graph, node, node.Inputs[2]) && graph.Constants.Dims(node.Inputs[2]) is [var count] && count == channels
                ? new FoldableConvolution(node, node.Inputs[1], node.Inputs[2], node)
                : null;
        }

        return graph.OnlyReader(node.Outputs[0]) is { OpType: "Add" } add && add.OtherInput(node.Outputs[0]) is { } bias && OwnConstant(graph, add, bias)
            && graph.Constants.Dims(bias) is [1, var perChannel, 1, 1] && perChannel == channels
            ? new FoldableConvolution(node, node.Inputs[1], bias, add)
            : null;
    }

    /// <summary>Makes the convolution give <c>scale · its output + shift</c>.</summary>
    public void ScaleAndShift(FoldableGraph graph, float scale, float shift)
    {
        var weights = graph.Constants.Floats(Weights);
        var bias = graph.Constants.Floats(Bias);
        Multiply(weights, scale);
        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = (bias[i] * scale) + shift;
        }

        graph.Constants.SetFloats(Weights, weights);
        graph.Constants.SetFloats(Bias, bias);
    }

    /// <summary>Makes the convolution read <c>scale · x + shift</c> where it read x: the scale goes
    /// into its weights (exact with padding too, as scaled zeros stay zero), the shift into its bias
    /// (bias + shift · Σ weights of each output), which is exact only where no padding is read.</summary>
    /// <returns>False, and nothing changed, when there is a shift and the convolution pads.</returns>
    public bool TakeAffineInput(FoldableGraph graph, float scale, float shift)
    {
        if (shift != 0 && (Node.Attributes.ContainsKey("auto_pad") || graph.IntsAttribute(Node, "pads").Any(pad => pad != 0)))
        {
            return false;
        }

        var weights = graph.Constants.Floats(Weights);
        if (shift != 0)
        {
            var bias = graph.Constants.Floats(Bias);
            var perOutput = weights.Length / bias.Length;
            for (var o = 0; o < bias.Length; o++)
            {
                var sum = 0f;
                foreach (var weight in weights.AsSpan(o * perOutput, perOutput))
                {
                    sum += weight;
                }

                bias[o] += shift * sum;
            }

            graph.Constants.SetFloats(Bias, bias);
        }

        Multiply(weights, scale);
        graph.Constants.SetFloats(Weights, weights);
        return true;
    }

    private static bool OwnConstant(FoldableGraph graph, FoldableNode reader, string value) =>
        graph.Constants.Contains(value) && graph.OnlyReader(value) == reader;

    private static void Multiply(float[] values, float factor)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }
}
