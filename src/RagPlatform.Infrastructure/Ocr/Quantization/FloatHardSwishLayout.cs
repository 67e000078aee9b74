using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>The int8 detector's float stem keeps its hard-swish blocks float (<see cref="OcrOptions.DetectorFloatConvs"/>),
/// and ONNX Runtime runs its float convolutions in NCHWc, a blocked layout that only some operators read:
/// <c>x · HardSigmoid(x) + b2</c> (b2 a scalar shift left before a padded depthwise convolution) made it
/// reorder x out of NCHWc, run HardSigmoid, Mul and Add on plain NCHW, and reorder back for the next
/// convolution, at half the input's resolution. Written here so that every step stays in NCHWc: the gate
/// from a copy of the convolution with the HardSigmoid after it alone (ONNX Runtime fuses that pair), the
/// shift as a BatchNormalization of scale 1 (which it runs in NCHWc). The same values up to float rounding.</summary>
internal static class FloatHardSwishLayout
{
    /// <summary>Rewrites the float blocks of a quantised model (<see cref="ConvQdqQuantization"/>'s output).</summary>
    /// <returns>The model, as given when no block matches.</returns>
    public static byte[] Apply(byte[] model)
    {
        if (FoldableGraph.Read(model) is not { } graph)
        {
            return model;
        }

        var additions = new GraphAdditions();
        var rewritten = 0;
        foreach (var shift in graph.Nodes.Where(node => node is { OpType: "Add", Removed: false, Outputs.Count: 1 }).ToList())
        {
            if (HardSwishPattern.ScalarShift(graph, shift) is not var (product, b2) || graph.Writer(product) is not { } mul
                || graph.OnlyReader(shift.Outputs[0]) is not { OpType: "Conv" }
                || HardSwishPattern.Gate(graph, mul) is not var (gate, x)
                || graph.Writer(x) is not { OpType: "Conv", Outputs.Count: 1 } conv || !graph.Constants.Contains(conv.Inputs[1])
                || conv.Attributes.Keys.Any(name => name is not ("group" or "kernel_shape" or "pads" or "strides" or "dilations")))
            {
                continue;
            }

            var channels = graph.Constants.Dims(conv.Inputs[1])[0];
            List<(string Name, IReadOnlyList<long> Values)> attributes = [("group", [graph.IntAttribute(conv, "group") ?? 1])];
            foreach (var name in new[] { "kernel_shape", "pads", "strides", "dilations" })
            {
                if (graph.IntsAttribute(conv, name) is { Count: > 0 } values)
                {
                    attributes.Add((name, values));
                }
            }

            additions.Node("Conv", [.. conv.Inputs], x + "_gate_in", x + "_gate_conv", attributes);
            gate.Inputs[0] = x + "_gate_in";

            // (x − 0) / √(1 − ε + ε) · 1 + b2: BatchNormalization's ε is 1e-5 by default.
            var name2 = shift.Outputs[0] + "_shift";
            additions.Initializer<float>(name2 + "_scale", [channels], GraphAdditions.FloatType, [.. Enumerable.Repeat(1f, (int)channels)]);
            additions.Initializer<float>(name2 + "_b", [channels], GraphAdditions.FloatType, [.. Enumerable.Repeat(b2, (int)channels)]);
            additions.Initializer<float>(name2 + "_mean", [channels], GraphAdditions.FloatType, new float[channels]);
            additions.Initializer<float>(name2 + "_var", [channels], GraphAdditions.FloatType, [.. Enumerable.Repeat(1 - 1e-5f, (int)channels)]);
            additions.Node("BatchNormalization", [product, name2 + "_scale", name2 + "_b", name2 + "_mean", name2 + "_var"], shift.Outputs[0], name2 + "_node", []);
            shift.Removed = true;
            rewritten++;
        }

        return rewritten == 0 ? model : additions.AppendTo(graph.Write(), domain: null);
    }
}
