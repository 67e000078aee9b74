using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Folds a BatchNormalization (and a per-channel bias Add before it) into the Conv or
/// ConvTranspose that alone feeds it: <c>γ · (conv(x) + b − μ) / √(σ² + ε) + β</c> is a convolution
/// with each output channel's weights times <c>a = γ / √(σ² + ε)</c> and bias <c>(b − μ) · a + β</c>.
/// ONNX Runtime folds Conv → BatchNormalization itself, but only in float: folded here, the PP-OCRv4
/// detector's head convolution (3 × 3, 96 → 24 channels at a quarter of the input's resolution, a
/// fifth of the int8 detector's time) becomes one <see cref="ConvQdqQuantization"/> can quantise. Its
/// ConvTranspose layers (whose bias Add and BatchNormalization ONNX Runtime leaves as two more passes
/// at half and full resolution) get them as weights and a bias input.</summary>
internal static class BatchNormFolding
{
    /// <returns>How many convolutions took a BatchNormalization or a bias Add.</returns>
    public static int Apply(FoldableGraph graph, GraphAdditions additions)
    {
        var folded = 0;
        foreach (var node in graph.Nodes.Where(node => node is { OpType: "Conv" or "ConvTranspose", Removed: false, Outputs.Count: 1 }).ToList())
        {
            if (TryFold(graph, additions, node))
            {
                folded++;
            }
        }

        return folded;
    }

    private static bool TryFold(FoldableGraph graph, GraphAdditions additions, FoldableNode conv)
    {
        if (conv.Inputs.Count is not (2 or 3) || !OwnConstant(graph, conv, conv.Inputs[1]) || graph.Constants.Dims(conv.Inputs[1]) is not { Length: 4 } dims)
        {
            return false;
        }

        // Conv weights are [out, in / group, kH, kW]; ConvTranspose's [in, out / group, kH, kW].
        var transposed = conv.OpType == "ConvTranspose";
        var group = graph.IntAttribute(conv, "group") ?? 1;
        if (transposed && group != 1)
        {
            return false;
        }

        var channels = (int)(transposed ? dims[1] : dims[0]);
        var bias = conv.Inputs.Count == 3 ? (OwnConstant(graph, conv, conv.Inputs[2]) ? graph.Constants.Floats(conv.Inputs[2]) : null) : new float[channels];
        if (bias is null || bias.Length != channels)
        {
            return false;
        }

        var (output, changed) = (conv.Outputs[0], false);
        if (graph.OnlyReader(output) is { OpType: "Add" } add && add.OtherInput(output) is { } addend && OwnConstant(graph, add, addend)
            && graph.Constants.Dims(addend) is [1, var perChannel, 1, 1] && perChannel == channels)
        {
            var values = graph.Constants.Floats(addend);
            for (var c = 0; c < channels; c++)
            {
                bias[c] += values[c];
            }

            (output, add.Removed, changed) = (add.Outputs[0], true, true);
        }

        var weights = graph.Constants.Floats(conv.Inputs[1]);
        if (graph.OnlyReader(output) is { OpType: "BatchNormalization", Inputs.Count: 5, Outputs.Count: 1 } norm
            && norm.Inputs[0] == output && norm.Inputs.Skip(1).All(value => graph.Constants.Contains(value) && graph.Constants.Dims(value) is [var count] && count == channels))
        {
            var (gamma, beta, mean, variance) = (graph.Constants.Floats(norm.Inputs[1]), graph.Constants.Floats(norm.Inputs[2]),
                graph.Constants.Floats(norm.Inputs[3]), graph.Constants.Floats(norm.Inputs[4]));
            var epsilon = graph.FloatAttribute(norm, "epsilon") ?? 1e-5f;
            var factors = new float[channels];
            for (var c = 0; c < channels; c++)
            {
                factors[c] = gamma[c] / MathF.Sqrt(variance[c] + epsilon);
                bias[c] = ((bias[c] - mean[c]) * factors[c]) + beta[c];
            }

            Scale(weights, dims, factors, transposed);
            (output, norm.Removed, changed) = (norm.Outputs[0], true, true);
        }

        if (!changed)
        {
            return false;
        }

        graph.Constants.SetFloats(conv.Inputs[1], weights);
        if (conv.Inputs.Count == 3)
        {
            graph.Constants.SetFloats(conv.Inputs[2], bias);
        }
        else
        {
            var name = output + "_folded_bias";
            additions.Initializer<float>(name, [channels], GraphAdditions.FloatType, bias);
            conv.Inputs.Add(name);
        }

        conv.Outputs[0] = output;
        return true;
    }

    private static void Scale(float[] weights, long[] dims, float[] factors, bool transposed)
    {
        var perKernel = (int)(dims[2] * dims[3]);
        for (var i = 0; i < weights.Length; i++)
        {
            // Conv: the output channel is the outermost index; ConvTranspose: the second.
            var channel = transposed ? i / perKernel % (int)dims[1] : i / (weights.Length / (int)dims[0]);
            weights[i] *= factors[channel];
        }
    }

    private static bool OwnConstant(FoldableGraph graph, FoldableNode reader, string value) =>
        graph.Constants.Contains(value) && graph.OnlyReader(value) == reader;
}
