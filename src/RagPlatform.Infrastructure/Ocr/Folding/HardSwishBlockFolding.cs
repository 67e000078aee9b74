namespace RagPlatform.Infrastructure.Ocr.Folding;

/// <summary>Folds the element-wise tail of PP-LCNetV3's blocks (the backbone of the PP-OCR mobile
/// detectors and recognisers) into their convolutions, as exported to ONNX: each block is
/// <c>Conv → ×s1 + b1 → hard-swish → ×s2 + b2</c>, up to eight passes over the activations after the
/// convolution, that took about a third of the networks' time on one core. Two exports are known:
/// PP-OCRv4's (opset 11: hard-swish written out as <c>x · clip(x + 3, 0, 6) / 6</c>, the bias a
/// third input of the convolution) and PP-OCRv5's (opset 14: a <c>HardSwish</c> node, the bias an
/// Add after the convolution, an Identity after almost every step, which are bypassed first).
/// Rewritten exactly (up to float rounding):
/// <list type="bullet">
/// <item>s1 and b1 go into the convolution's weights and bias;</item>
/// <item>written-out hard-swish (PP-OCRv4): s2 goes into the convolution too (it then gives
/// s2 · (s1 · conv + b1)), and hard-swish becomes <c>x · HardSigmoid(x)</c> with its slope divided by
/// s2, so that it still sees the unscaled value: there is no HardSwish operator before opset 14;</item>
/// <item>a HardSwish node (PP-OCRv5) stays, one pass, and s2 goes into the weights of the next
/// convolution instead, which reads s2 · x (exact with padding: scaled zeros stay zero);</item>
/// <item>b2 goes into the bias of the next convolution when that pads nothing and alone reads the
/// block's output (bias + b2 · Σ weights); before a padded convolution it stays (divided by s2
/// where s2 went into that convolution), as the padding's zeros must not be shifted.</item>
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

        IdentityBypass.Apply(graph);
        var blocks = 0;
        foreach (var node in graph.Nodes.ToList())
        {
            if (!node.Removed && FoldableConvolution.Find(graph, node) is { } conv && FoldBlock(graph, conv))
            {
                blocks++;
            }
        }

        return blocks == 0 ? (model, 0) : (graph.Write(), blocks);
    }

    private static bool FoldBlock(FoldableGraph graph, FoldableConvolution conv)
    {
        // Conv → Mul(s1) → Add(b1)
        if (graph.OnlyReader(conv.Output) is not { OpType: "Mul" } scale || graph.Constants.Scalar(scale.OtherInput(conv.Output)) is not { } s1
            || graph.OnlyReader(scale.Outputs[0]) is not { OpType: "Add" } shift || graph.Constants.Scalar(shift.OtherInput(scale.Outputs[0])) is not { } b1)
        {
            return false;
        }

        conv.ScaleAndShift(graph, s1, b1);
        conv.Last.Outputs[0] = shift.Outputs[0];
        scale.Removed = shift.Removed = true;
        if (!FoldWrittenOutHardSwish(graph, conv))
        {
            FoldHardSwishNode(graph, conv);
        }

        return true;
    }

    /// <summary>PP-OCRv4's hard-swish on the convolution's output, and the scale (and shift) after it.</summary>
    private static bool FoldWrittenOutHardSwish(FoldableGraph graph, FoldableConvolution conv)
    {
        var x = conv.Output;
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
            return false;
        }

        var (output, slope) = (divide.Outputs[0], 1f / 6);
        if (graph.OnlyReader(output) is { OpType: "Mul" } scale && graph.Constants.Scalar(scale.OtherInput(output)) is { } s2 && s2 != 0)
        {
            conv.ScaleAndShift(graph, s2, 0);
            (output, slope, scale.Removed) = (scale.Outputs[0], 1f / (6 * s2), true);
            if (graph.OnlyReader(output) is { OpType: "Add" } shift && graph.Constants.Scalar(shift.OtherInput(output)) is { } b2
                && NextConvolution(graph, shift.Outputs[0]) is { } next && next.TakeAffineInput(graph, 1, b2))
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
        return true;
    }

    /// <summary>PP-OCRv5's HardSwish node on the convolution's output: the scale after it (and the
    /// shift after that) go into the next convolution.</summary>
    private static void FoldHardSwishNode(FoldableGraph graph, FoldableConvolution conv)
    {
        if (graph.OnlyReader(conv.Output) is not { OpType: "HardSwish" } swish
            || graph.OnlyReader(swish.Outputs[0]) is not { OpType: "Mul" } scale || graph.Constants.Scalar(scale.OtherInput(swish.Outputs[0])) is not { } s2 || s2 == 0)
        {
            return;
        }

        var scaled = scale.Outputs[0];
        if (graph.OnlyReader(scaled) is { OpType: "Add" } shift && shift.OtherInput(scaled) is { } shiftValue && graph.Constants.Scalar(shiftValue) is { } b2)
        {
            if (NextConvolution(graph, shift.Outputs[0]) is not { } next)
            {
                return;
            }

            if (next.TakeAffineInput(graph, s2, b2))
            {
                next.Node.Inputs[0] = swish.Outputs[0];
                scale.Removed = shift.Removed = true;
            }
            else if (graph.OnlyReader(shiftValue) == shift && next.TakeAffineInput(graph, s2, 0))
            {
                // Before a padded convolution: next(s2 · x + b2) = next'(x + b2 / s2), next' with s2 in its weights.
                graph.Constants.SetFloats(shiftValue, [b2 / s2]);
                shift.Inputs[shift.Inputs.IndexOf(scaled)] = swish.Outputs[0];
                scale.Removed = true;
            }
        }
        else if (NextConvolution(graph, scaled) is { } next && next.TakeAffineInput(graph, s2, 0))
        {
            next.Node.Inputs[0] = swish.Outputs[0];
            scale.Removed = true;
        }
    }

    /// <summary>The convolution that alone reads <paramref name="value"/>, as its data input.</summary>
    private static FoldableConvolution? NextConvolution(FoldableGraph graph, string value) =>
        graph.OnlyReader(value) is { } node && node.Inputs[0] == value && FoldableConvolution.Find(graph, node) is { } conv ? conv : null;

    private static bool ClipsToZeroSix(FoldableGraph graph, FoldableNode clip) => clip.Inputs.Count switch
    {
        1 => graph.FloatAttribute(clip, "min") == 0f && graph.FloatAttribute(clip, "max") == 6f,
        3 => graph.Constants.Scalar(clip.Inputs[1]) == 0f && graph.Constants.Scalar(clip.Inputs[2]) == 6f,
        _ => false,
    };
}
