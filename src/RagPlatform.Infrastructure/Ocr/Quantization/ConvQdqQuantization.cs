using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Static int8 quantisation of a model's convolutions in QDQ form, which ONNX Runtime's
/// graph optimiser turns into QLinearConv (MLAS's int8 kernels, with depthwise and VNNI paths that
/// its ConvInteger lacks): each convolution's input and output pass through
/// QuantizeLinear → DequantizeLinear with a uint8 scale and zero point from the calibrated
/// <see cref="ActivationRange"/>, its weights are stored int8 (symmetric, one scale per output
/// channel) and its bias int32 (at input scale × weight scale, as QLinearConv adds it).
/// Only convolutions whose weights are constants are quantised; the other operators stay float
/// and read the dequantised values.</summary>
internal static class ConvQdqQuantization
{
    /// <summary>The activations to calibrate: every quantisable convolution's input and output, but
    /// for the graph's inputs (no node writes them; the caller knows their range from what it feeds).</summary>
    /// <param name="pooling">Also the pooled values (<see cref="QuantizedPooling"/>).</param>
    public static IReadOnlyList<string> Activations(byte[] model, bool pooling = false)
    {
        if (FoldableGraph.Read(model) is not { } graph)
        {
            return [];
        }

        var written = graph.Nodes.Where(node => !node.Removed).SelectMany(node => node.Outputs).ToHashSet(StringComparer.Ordinal);
        return [.. Convs(graph).SelectMany(conv => new[] { conv.Inputs[0], conv.Outputs[0] }).Concat(MatMulQdqQuantization.Activations(graph))
            .Concat(pooling ? QuantizedPooling.Activations(graph) : [])
            .Where(written.Contains).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The model with <paramref name="values"/> added as float graph outputs, for calibration.</summary>
    public static byte[] WithOutputs(byte[] model, IEnumerable<string> values)
    {
        var additions = new GraphAdditions();
        foreach (var value in values)
        {
            additions.FloatOutput(value);
        }

        return additions.AppendTo(model, domain: null);
    }

    /// <param name="rewrite">What else the rewrite does (its defaults when null): how many of the first quantisable
    /// convolutions (in the graph's order) stay float (<see cref="OcrInt8Rewrite.LeadingFloatConvs"/>); whether
    /// hard-swish between two quantised convolutions runs on the uint8 values (<see cref="QuantizedHardSwish"/>)
    /// instead of dequantised, in float, and as one table lookup (<see cref="HardSwishTable"/>); whether MatMuls with
    /// constant weights are quantised too (<see cref="MatMulQdqQuantization"/>); whether hard-swish before pooling and
    /// squeeze-and-excitation runs on uint8 values too (<see cref="QuantizedPooling"/>), and an AveragePool of such a
    /// value as a uint8 depthwise convolution. The detector's normalisation folding, head blocks and float stem
    /// layout are the quantiser's (<see cref="OcrInt8Quantizer"/>).</param>
    /// <returns>The quantised model and the number of convolutions quantised (those with a range
    /// for input and output); the model as given when none.</returns>
    public static (byte[] Model, int Convs) Apply(byte[] model, IReadOnlyDictionary<string, ActivationRange> ranges, OcrInt8Rewrite? rewrite = null)
    {
        rewrite ??= new OcrInt8Rewrite();
        var graph = FoldableGraph.Read(model);
        if (graph is null)
        {
            return (model, 0);
        }

        var additions = new GraphAdditions();
        if (GraphAdditions.StandardOpset(model) < OpsetTenUpgrade.Version && !OpsetTenUpgrade.TryApply(graph, additions))
        {
            return (model, 0);
        }

        // A convolution on pooled values (squeeze-and-excitation's, one value per channel) costs
        // nothing to speak of: quantising it would only add error and QuantizeLinear passes.
        var convs = Convs(graph).Skip(rewrite.LeadingFloatConvs)
            .Where(conv => ranges.TryGetValue(conv.Inputs[0], out var input) && input.Pixels > 1 && ranges.ContainsKey(conv.Outputs[0])).ToList();
        var quantizing = convs.ToHashSet();
        var quantized = new Dictionary<string, QuantizedActivation>(StringComparer.Ordinal);
        foreach (var conv in convs)
        {
            var (x, y) = (conv.Inputs[0], conv.Outputs[0]);
            if (!quantized.TryGetValue(x, out var input))
            {
                input = (rewrite.IntegerHardSwish ? QuantizedHardSwish.TryWrite(graph, additions, quantized, x, ranges[x], quantizing, lookup: rewrite.LookupHardSwish) : null)
                    ?? (rewrite.IntegerHardSwish && rewrite.IntegerPooling ? QuantizedPooling.TryWriteExcitation(graph, additions, quantized, x, ranges, quantizing, rewrite.LookupHardSwish) : null)
                    ?? Activation(additions, x, x + "_dq", ranges[x]);
                quantized[x] = input;
            }

            conv.Inputs[0] = input.Dequantized;
            conv.Inputs[1] = Weights(additions, graph, conv.Inputs[1], y, out var weightScales);
            if (conv.Inputs.Count == 3)
            {
                conv.Inputs[2] = Bias(additions, graph.Constants.Floats(conv.Inputs[2]), y, input.Range.Scale, weightScales);
            }

            // The convolution now writes y_conv; y is its dequantised value, so every reader of y is unchanged.
            conv.Outputs[0] = y + "_conv";
            quantized[y] = Activation(additions, conv.Outputs[0], y, UsefulRange(graph, y, ranges[y]));
        }

        if (convs.Count > 0 && rewrite.IntegerHardSwish && rewrite.IntegerPooling)
        {
            QuantizedPooling.WriteAveragePools(graph, additions, quantized, ranges, quantizing, rewrite.PoolConvolution, rewrite.LookupHardSwish);
        }

        if (convs.Count > 0 && rewrite.IntegerMatMuls)
        {
            MatMulQdqQuantization.Apply(graph, additions, ranges, quantized);
        }

        return convs.Count == 0 ? (model, 0) : (additions.AppendTo(graph.Write(), GraphAdditions.MicrosoftDomain, OpsetTenUpgrade.Version), convs.Count);
    }

    /// <summary>The part of <paramref name="range"/> that matters when <paramref name="value"/> is read
    /// only by an activation that is 0 beyond a bound (hard-swish as y · HardSigmoid(y), or Relu):
    /// values past it may saturate to it without changing the activation's output, so the uint8
    /// steps are spent on the rest (the convolutions before hard-swish reach far below its zero).</summary>
    private static ActivationRange UsefulRange(FoldableGraph graph, string value, ActivationRange range)
    {
        var (readers, isOutput) = graph.Readers(value);
        if (isOutput)
        {
            return range;
        }

        if (readers is [{ OpType: "Relu" }])
        {
            return range with { Min = Math.Max(range.Min, 0) };
        }

        if (readers.Count == 2 && readers.SingleOrDefault(node => node.OpType == "HardSigmoid" && node.Inputs[0] == value) is { } gate
            && readers.SingleOrDefault(node => node.OpType == "Mul") is { } product && product.OtherInput(value) == gate.Outputs[0]
            && graph.FloatAttribute(gate, "alpha") is { } alpha and not 0 && (graph.FloatAttribute(gate, "beta") ?? 0.5f) is var beta)
        {
            // HardSigmoid(y) = clip(alpha · y + beta, 0, 1) is 0 from y = −beta / alpha on (below it when alpha > 0).
            var zero = -beta / alpha;
            return alpha > 0 ? range with { Min = Math.Max(range.Min, zero) } : range with { Max = Math.Min(range.Max, zero) };
        }

        return range;
    }

    /// <summary>QuantizeLinear → DequantizeLinear on <paramref name="value"/>, the dequantised value named <paramref name="output"/>.</summary>
    public static QuantizedActivation Activation(GraphAdditions additions, string value, string output, ActivationRange range)
    {
        Quantize(additions, value, range);
        additions.Node("DequantizeLinear", [value + "_q", value + "_scale", value + "_zero"], output, GraphAdditions.MicrosoftDomain);
        return new QuantizedActivation(output, range, value);
    }

    /// <summary>QuantizeLinear alone on <paramref name="value"/>: its uint8 value <c>{value}_q</c>, at
    /// <c>{value}_scale</c> and <c>{value}_zero</c>.</summary>
    public static void Quantize(GraphAdditions additions, string value, ActivationRange range)
    {
        var (scale, zeroPoint) = (value + "_scale", value + "_zero");
        additions.Initializer<float>(scale, [], GraphAdditions.FloatType, [range.Scale]);
        additions.Initializer<byte>(zeroPoint, [], GraphAdditions.UInt8Type, [range.ZeroPoint]);
        additions.Node("QuantizeLinear", [value, scale, zeroPoint], value + "_q", GraphAdditions.MicrosoftDomain);
    }

    private static string Weights(GraphAdditions additions, FoldableGraph graph, string weight, string owner, out float[] scales)
    {
        var dims = graph.Constants.Dims(weight);
        var values = graph.Constants.Floats(weight);
        var channels = (int)dims[0];
        var perChannel = values.Length / channels;
        var name = owner + "_w";
        scales = SymmetricInt8Weights.Write(additions, name, dims, values, channels, i => i / perChannel);
        additions.Node("DequantizeLinear", [name + "_q", name + "_scale", name + "_zero"], name, GraphAdditions.MicrosoftDomain, ("axis", 0));
        return name;
    }

    private static string Bias(GraphAdditions additions, float[] bias, string owner, float inputScale, float[] weightScales)
    {
        var scales = new float[bias.Length];
        var quantized = new int[bias.Length];
        for (var o = 0; o < bias.Length; o++)
        {
            scales[o] = inputScale * weightScales[o];
            quantized[o] = (int)Math.Clamp(Math.Round(bias[o] / (double)scales[o]), int.MinValue, int.MaxValue);
        }

        var name = owner + "_b";
        additions.Initializer<int>(name + "_q", [bias.Length], GraphAdditions.Int32Type, quantized);
        additions.Initializer<float>(name + "_scale", [bias.Length], GraphAdditions.FloatType, scales);
        additions.Initializer<int>(name + "_zero", [bias.Length], GraphAdditions.Int32Type, new int[bias.Length]);
        additions.Node("DequantizeLinear", [name + "_q", name + "_scale", name + "_zero"], name, GraphAdditions.MicrosoftDomain, ("axis", 0));
        return name;
    }

    /// <summary>Convolutions with constant 4-D weights (and, if any, a constant bias per output channel).
    /// One followed only by BatchNormalization is left float: ONNX Runtime folds that pair itself, which a
    /// QuantizeLinear between them would prevent (the PP-OCRv4 recogniser's first convolution and its
    /// SVTR neck's).</summary>
    private static IEnumerable<FoldableNode> Convs(FoldableGraph graph) => graph.Nodes.Where(node =>
        node is { OpType: "Conv", Removed: false, Outputs.Count: 1, Inputs.Count: 2 or 3 }
        && graph.Constants.Contains(node.Inputs[1]) && graph.Constants.Dims(node.Inputs[1]).Length == 4
        && (node.Inputs.Count == 2 || (graph.Constants.Contains(node.Inputs[2]) && graph.Constants.Dims(node.Inputs[2]) is [var channels] && channels == graph.Constants.Dims(node.Inputs[1])[0]))
        && graph.OnlyReader(node.Outputs[0]) is not { OpType: "BatchNormalization" });
}
