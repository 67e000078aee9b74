namespace RagPlatform.Infrastructure.Ocr.Folding;

/// <summary>Folds the element-wise tail of PP-LCNetV3's blocks (the backbone of the PP-OCRv4 mobile
/// detector and recogniser) into their convolutions, as exported to ONNX: each block is
/// <c>Conv → ×s1 + b1 → hard-swish (as x · clip(x + 3, 0, 6) / 6) → ×s2 + b2</c>, eight passes over
/// the activations after the convolution, that took about a third of the networks' time on one core.
/// Rewritten exactly (up to float rounding):
/// <list type="bullet">
/// <item>s1, b1 and s2 go into the convolution's weights and bias (the convolution then gives
/// s2 · (s1 · conv + b1)), and hard-swish becomes <c>x · HardSigmoid(x)</c> with its slope divided by s2,
/// so that it still sees the unscaled value;</item>
/// <item>b2 goes into the bias of the next convolution when that is a 1 × 1 convolution without
/// padding that alone reads the block's output (bias + b2 · Σ weights); before a padded convolution
/// it stays, as the padding's zeros must not be shifted.</item>
/// </list>
/// What does not match the pattern exactly (a weight read twice, a value read elsewhere, another
/// constant) is left as it is.</summary>
internal static class HardSwishBlockFolding
{
    /// <returns>The rewritten model and the number of blocks folded; the model as given when none matched.</returns>
    /// <exception cref="InvalidDataException">The bytes are not protobuf.</exception>
    public static (byte[] Model, int Blocks) Apply(byte[] model)
    {
        var graph = FoldableGraph.Read(model);
        if (graph is null)
        {
            return (model, 0);
        }

        var blocks = 0;
        foreach (var conv in graph.Nodes.ToList())
        {
            if (!conv.Removed && IsConvWithOwnWeights(graph, conv) && FoldBlock(graph, conv))
            {
                blocks++;
            }
        }

        return blocks == 0 ? (model, 0) : (graph.Write(), blocks);
    }

    private static bool FoldBlock(FoldableGraph graph, FoldableNode conv)
    {
        // Conv → Mul(s1) → Add(b1)
        var (weightName, biasName) = (conv.Inputs[1], conv.Inputs[2]);
        if (graph.OnlyReader(conv.Outputs[0]) is not { OpType: "Mul" } scale || graph.Constants.Scalar(scale.OtherInput(conv.Outputs[0])) is not { } s1
            || graph.OnlyReader(scale.Outputs[0]) is not { OpType: "Add" } shift || graph.Constants.Scalar(shift.OtherInput(scale.Outputs[0])) is not { } b1)
        {
            return false;
        }

        var weights = graph.Constants.Floats(weightName);
        var bias = graph.Constants.Floats(biasName);
        Scale(weights, s1);
        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = (bias[i] * s1) + b1;
        }

        conv.Outputs[0] = shift.Outputs[0];
        scale.Removed = shift.Removed = true;
        FoldHardSwish(graph, conv, weights, bias);
        graph.Constants.SetFloats(weightName, weights);
        graph.Constants.SetFloats(biasName, bias);
        return true;
    }

    /// <summary>Hard-swish on the convolution's output, and the scale (and shift) after it.</summary>
    private static void FoldHardSwish(FoldableGraph graph, FoldableNode conv, float[] weights, float[] bias)
    {
        var x = conv.Outputs[0];
        if (graph.Readers(x) is not ({ Count: 2 } readers, false)
            || readers.SingleOrDefault(node => node.OpType == "Add" && graph.Constants.Scalar(node.OtherInput(x)) == 3f) is not { } plusThree
            || readers.SingleOrDefault(node => node.OpType == "Mul") is not { } product
            || graph.OnlyReader(plusThree.Outputs[0]) is not { OpType: "Clip" } clip
            || !ClipsToZeroSix(graph, clip)
            || product.OtherInput(x) != clip.Outputs[0]
            || graph.OnlyReader(clip.Outputs[0]) != product
            || graph.OnlyReader(product.Outputs[0]) is not { OpType: "Div" } divide
            || divide.Inputs[0] != product.Outputs[0] || graph.Constants.Scalar(divide.Inputs[1]) != 6f)
        {
            return;
        }

        var (output, slope) = (divide.Outputs[0], 1f / 6);
        if (graph.OnlyReader(output) is { OpType: "Mul" } scale && graph.Constants.Scalar(scale.OtherInput(output)) is { } s2 && s2 != 0)
        {
            Scale(weights, s2);
            Scale(bias, s2);
            (output, slope, scale.Removed) = (scale.Outputs[0], 1f / (6 * s2), true);
            if (graph.OnlyReader(output) is { OpType: "Add" } shift && graph.Constants.Scalar(shift.OtherInput(output)) is { } b2
                && graph.OnlyReader(shift.Outputs[0]) is { } next && FoldShiftIntoPointwise(graph, next, b2))
            {
                (output, shift.Removed) = (shift.Outputs[0], true);
            }
        }

        plusThree.OpType = "HardSigmoid";
        plusThree.Inputs.Clear();
        plusThree.Inputs.Add(x);
        plusThree.Outputs[0] = clip.Outputs[0];
        plusThree.ReplacementAttributes = [("alpha", slope), ("beta", 0.5f)];
        product.Outputs[0] = output;
        clip.Removed = divide.Removed = true;
    }

    /// <summary>Adds <paramref name="shift"/> (to every input value) into a 1 × 1 convolution's bias.</summary>
    private static bool FoldShiftIntoPointwise(FoldableGraph graph, FoldableNode conv, float shift)
    {
        if (!IsConvWithOwnWeights(graph, conv) || graph.IntAttribute(conv, "group") is not (null or 1) || graph.IntsAttribute(conv, "pads").Any(pad => pad != 0)
            || graph.Constants.Dims(conv.Inputs[1]) is not [var outputs, _, 1, 1])
        {
            return false;
        }

        var weights = graph.Constants.Floats(conv.Inputs[1]);
        var bias = graph.Constants.Floats(conv.Inputs[2]);
        var perOutput = weights.Length / (int)outputs;
        for (var o = 0; o < bias.Length; o++)
        {
            var sum = 0f;
            foreach (var weight in weights.AsSpan(o * perOutput, perOutput))
            {
                sum += weight;
            }

            bias[o] += shift * sum;
        }

        graph.Constants.SetFloats(conv.Inputs[2], bias);
        return true;
    }

    private static bool ClipsToZeroSix(FoldableGraph graph, FoldableNode clip) => clip.Inputs.Count switch
    {
        1 => graph.FloatAttribute(clip, "min") == 0f && graph.FloatAttribute(clip, "max") == 6f,
        3 => graph.Constants.Scalar(clip.Inputs[1]) == 0f && graph.Constants.Scalar(clip.Inputs[2]) == 6f,
        _ => false,
    };

    /// <summary>A convolution with a bias (one value per output channel) whose weight and bias
    /// constants no other node reads, so they can be changed.</summary>
    private static bool IsConvWithOwnWeights(FoldableGraph graph, FoldableNode node) =>
        node is { OpType: "Conv", Inputs.Count: 3, Outputs.Count: 1 }
        && graph.Constants.Contains(node.Inputs[1]) && graph.Constants.Contains(node.Inputs[2])
        && graph.OnlyReader(node.Inputs[1]) == node && graph.OnlyReader(node.Inputs[2]) == node
        && graph.Constants.Dims(node.Inputs[2]) is [var channels] && channels == graph.Constants.Dims(node.Inputs[1])[0];

    private static void Scale(float[] values, float factor)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }
}
