using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Hard-swish read by pooling kept in uint8 (<see cref="QuantizedHardSwish"/>), where it was
/// left float between a DequantizeLinear and a QuantizeLinear: the PP-OCRv4 recogniser's two
/// squeeze-and-excitation blocks (<c>v = hard-swish(conv) + b2</c>, read by GlobalAveragePool and by the
/// product <c>v · HardSigmoid(SE(pool(v)))</c> that the next convolution reads) and its last block, read
/// by the AveragePool before the SVTR neck. These are passes over its widest maps (480 channels); the
/// float glue around them (DequantizeLinear, HardSigmoid, Mul, Add and the transposes between ONNX
/// Runtime's NHWC uint8 layout and NCHW) was about 15 % of the int8 recogniser's time. Now v is
/// written in uint8 at its calibrated range; the GlobalAveragePool reads it in QDQ form at v's own
/// scale (an average stays in its range: ONNX Runtime's QLinearGlobalAveragePool) and the product is a
/// QDQ Mul of v with the gate quantised on [0, 1] at 1/255 steps (0 and 1 exact), at the scale of the
/// next convolution's input (QLinearMul). The squeeze-and-excitation convolutions (one value per channel)
/// stay float, reading v dequantised; the AveragePool too (ONNX Runtime's QLinearAveragePool was slower than the
/// float passes it would replace), unless it is written as a uint8 depthwise convolution (<see cref="WriteAveragePools"/>).</summary>
internal static class QuantizedPooling
{
    /// <summary>The values to calibrate: what each pooling reads.</summary>
    public static IEnumerable<string> Activations(FoldableGraph graph) =>
        graph.Nodes.Where(node => node is { OpType: "GlobalAveragePool" or "AveragePool", Removed: false }).Select(node => node.Inputs[0]);

    /// <summary>Writes <paramref name="value"/>, a convolution's input, in integer form when it is a
    /// squeeze-and-excitation product <c>v · HardSigmoid(…)</c> of a hard-swish v that only the product
    /// and its GlobalAveragePool read.</summary>
    /// <returns>The quantised product, or null (nothing written) when the pattern does not match.</returns>
    public static QuantizedActivation? TryWriteExcitation(FoldableGraph graph, GraphAdditions additions, Dictionary<string, QuantizedActivation> quantized,
        string value, IReadOnlyDictionary<string, ActivationRange> ranges, IReadOnlySet<FoldableNode> convs, bool lookup = false)
    {
        if (graph.Writer(value) is not { OpType: "Mul", Inputs: [var first, var second] } product)
        {
            return null;
        }

        foreach (var (v, gate) in new[] { (first, second), (second, first) })
        {
            if (graph.Writer(gate) is { OpType: "HardSigmoid" } && graph.OnlyReader(gate) == product && !quantized.ContainsKey(v)
                && graph.Readers(v) is ({ Count: 2 } readers, false) && readers.Contains(product)
                && readers.SingleOrDefault(node => node.OpType == "GlobalAveragePool") is { } pool && ranges.TryGetValue(v, out var range)
                && QuantizedHardSwish.TryWrite(graph, additions, quantized, v, range, convs, new HashSet<FoldableNode> { pool, product }, lookup) is { } input)
            {
                quantized[v] = input;
                Pool(additions, pool, input);
                ConvQdqQuantization.Activation(additions, gate, gate + "_dq", new ActivationRange(0, 1));
                product.Inputs.Clear();
                product.Inputs.AddRange([input.Dequantized, gate + "_dq"]);
                return ConvQdqQuantization.Activation(additions, value, value + "_dq", ranges[value]);
            }
        }

        return null;
    }

    /// <summary>Each AveragePool without padding that alone reads a hard-swish of a quantised convolution
    /// (with, or without, a shift b2 after it) reads it written in uint8, dequantised. The shift moves after
    /// the pool, in float on the pooled values (exact: the average of shifted values is the shifted
    /// average): in the recogniser's last block it is under half a step of the value's wide range, which
    /// <see cref="QuantizedHardSwish"/> cannot put in a zero point.</summary>
    /// <param name="asConvolution">The pool itself becomes a depthwise convolution of the uint8 value with
    /// weights 1 / (kernel height × width), its output quantised at the value's own scale (ONNX Runtime's
    /// QLinearConv, NHWC, MLAS's symmetric depthwise kernel), instead of DequantizeLinear, a reorder to NCHWc and
    /// a float AveragePool over the recogniser's widest late map (480 channels × 3 rows): those passes were
    /// about 3 % of the int8 recogniser on wide lines; the average now rounds to a step of the value's range.</param>
    /// <returns>How many were written.</returns>
    public static int WriteAveragePools(FoldableGraph graph, GraphAdditions additions, Dictionary<string, QuantizedActivation> quantized,
        IReadOnlyDictionary<string, ActivationRange> ranges, IReadOnlySet<FoldableNode> convs, bool asConvolution = false, bool lookup = false)
    {
        var written = 0;
        foreach (var pool in graph.Nodes.Where(node => node is { OpType: "AveragePool", Removed: false }).ToList())
        {
            var v = pool.Inputs[0];
            if (quantized.ContainsKey(v) || !ranges.TryGetValue(v, out var range) || graph.OnlyReader(v) != pool
                || graph.IntsAttribute(pool, "pads").Any(pad => pad != 0))
            {
                continue;
            }

            var (shift, b2, readers) = (graph.Writer(v), 0f, new HashSet<FoldableNode> { pool });
            if (shift is not null && HardSwishPattern.ScalarShift(graph, shift) is var (sum, shiftBy) && graph.Writer(sum) is { OpType: "Mul" })
            {
                b2 = shiftBy;
                v = sum;
                range = new ActivationRange(range.Min - b2, range.Max - b2, range.Pixels);
                readers = [shift];
            }

            if (QuantizedHardSwish.TryWrite(graph, additions, quantized, v, range, convs, readers, lookup) is not { } input)
            {
                continue;
            }

            quantized[v] = input;
            if (b2 != 0)
            {
                // pool(sum) → shift → the pool's old output.
                var output = pool.Outputs[0];
                pool.Outputs[0] = output + "_unshifted";
                shift!.Inputs[shift.Inputs.IndexOf(v)] = pool.Outputs[0];
                shift.Outputs[0] = output;
            }

            if (!asConvolution || !TryWriteConvolution(graph, additions, pool, input, b2 != 0 ? shift!.Outputs[0] : pool.Outputs[0]))
            {
                pool.Inputs[0] = input.Dequantized;
            }

            written++;
        }

        return written;
    }

    /// <summary>Writes <paramref name="pool"/> as a depthwise convolution of <paramref name="input"/> (see
    /// <c>asConvolution</c>), its output quantised on the input's range, when it is a 2-D pool without ceil mode
    /// and a convolution with constant weights reads <paramref name="pooled"/> (which tells the channels).</summary>
    private static bool TryWriteConvolution(FoldableGraph graph, GraphAdditions additions, FoldableNode pool, QuantizedActivation input, string pooled)
    {
        var channels = graph.Readers(pooled).Nodes
            .Where(node => node is { OpType: "Conv", Inputs.Count: >= 2 } && node.Inputs[0] == pooled && graph.Constants.Contains(node.Inputs[1]))
            .Select(conv => graph.Constants.Dims(conv.Inputs[1])[1] * (graph.IntAttribute(conv, "group") ?? 1)).FirstOrDefault();
        if (channels == 0 || graph.IntsAttribute(pool, "kernel_shape") is not [var rows, var columns] || graph.IntAttribute(pool, "ceil_mode") is not (null or 0))
        {
            return false;
        }

        // Weights 127 at 1 / (taps · 127): each exactly 1 / taps, symmetric as MLAS's kernel wants.
        var name = pool.Outputs[0];
        var taps = (int)(rows * columns);
        additions.Initializer<sbyte>(name + "_w_q", [channels, 1, rows, columns], GraphAdditions.Int8Type, [.. Enumerable.Repeat((sbyte)127, (int)channels * taps)]);
        additions.Initializer<float>(name + "_w_scale", [channels], GraphAdditions.FloatType, [.. Enumerable.Repeat(1f / (taps * 127), (int)channels)]);
        additions.Initializer<sbyte>(name + "_w_zero", [channels], GraphAdditions.Int8Type, new sbyte[channels]);
        additions.Node("DequantizeLinear", [name + "_w_q", name + "_w_scale", name + "_w_zero"], name + "_w", GraphAdditions.MicrosoftDomain, ("axis", 0));
        List<(string Name, IReadOnlyList<long> Values)> attributes = [("group", [channels]), ("kernel_shape", [rows, columns])];
        if (graph.IntsAttribute(pool, "strides") is { Count: > 0 } strides)
        {
            attributes.Add(("strides", strides));
        }

        additions.Node("Conv", [input.Dequantized, name + "_w"], name + "_conv", name + "_conv_node", attributes);
        ConvQdqQuantization.Activation(additions, name + "_conv", name, input.Range);
        pool.Removed = true;
        return true;
    }

    /// <summary>The pool reads the dequantised input, and its output is quantised at the input's scale
    /// (DequantizeLinear → GlobalAveragePool → QuantizeLinear, which ONNX Runtime runs as one uint8
    /// operator); its readers get the output dequantised under its old name.</summary>
    private static void Pool(GraphAdditions additions, FoldableNode pool, QuantizedActivation input)
    {
        var output = pool.Outputs[0];
        pool.Inputs[0] = input.Dequantized;
        pool.Outputs[0] = output + "_pooled";
        ConvQdqQuantization.Activation(additions, pool.Outputs[0], output, input.Range);
    }
}
