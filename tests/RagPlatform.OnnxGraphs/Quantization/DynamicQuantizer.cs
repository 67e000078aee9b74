namespace RagPlatform.OnnxGraphs.Quantization;

/// <summary>Rewrites a float graph the way ONNX Runtime's <c>quantize_dynamic</c> (IntegerOps mode,
/// MatMulConstBOnly) does for the operators of a CLIP tower:
/// <list type="bullet">
/// <item>every MatMul whose B input is a constant rank-2 float weight becomes
/// <c>DynamicQuantizeLinear(A) → MatMulInteger(A_q, W_q, A_zp, W_zp) → Cast(float) → Mul(A_scale × W_scale)</c>
/// (per-channel and reduce-range as the settings say); MatMuls of two activations (attention) stay float;</item>
/// <item>a Conv with a constant weight and no bias becomes the same chain around ConvInteger (weight per
/// tensor, full range, as ONNX Runtime's ConvInteger quantizer does);</item>
/// <item>a Gather from a constant float table (token embeddings) gathers from the 8-bit table and
/// dequantizes the rows it picked (per tensor, full range).</item>
/// </list>
/// Each float weight is replaced by its 8-bit copy with scales and zero points. ONNX Runtime fuses each
/// MatMul chain into one DynamicQuantizeMatMul kernel when it loads the graph.</summary>
public static class DynamicQuantizer
{
    public static OnnxGraph Quantize(OnnxGraph graph, DynamicQuantization settings)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(settings);
        var initializers = graph.Initializers.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        var nodes = new List<OnnxNode>(graph.Nodes.Count * 2);
        var added = new List<OnnxTensor>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var quantizedActivations = new Dictionary<string, (string Data, string Scale, string ZeroPoint)>(StringComparer.Ordinal);
        // Conv and Gather weights: one scale, full range (ONNX Runtime quantizes them without the
        // MatMul-only per-channel and reduce-range options).
        var perTensor = settings with { PerChannel = false, ReduceRange = false };
        foreach (var node in graph.Nodes)
        {
            if (IsConstantWeight(node, initializers, "MatMul", rank: 2, out var weight))
            {
                var (data, scale, zeroPoint) = QuantizeWeight(weight, settings, added);
                AddIntegerChain(node, "MatMulInteger", QuantizeActivation(node.Inputs[0], nodes, quantizedActivations), (data, scale, zeroPoint), nodes);
            }
            else if (node.Inputs.Count == 2 && IsConstantWeight(node, initializers, "Conv", rank: 4, out weight))
            {
                var (data, scale, zeroPoint) = QuantizeWeight(weight, perTensor, added);
                AddIntegerChain(node, "ConvInteger", QuantizeActivation(node.Inputs[0], nodes, quantizedActivations), (data, scale, zeroPoint), nodes);
            }
            else if (node.OpType == "Gather" && initializers.TryGetValue(node.Inputs[0], out weight) && weight.ElementType == OnnxElementType.Float)
            {
                var (data, scale, zeroPoint) = QuantizeWeight(weight, perTensor, added);
                var picked = node.Outputs[0] + "_quantized";
                nodes.Add(new OnnxNode(node.Name, "Gather", [data, node.Inputs[1]], [picked], node.Attributes));
                nodes.Add(new OnnxNode(node.Name + "_dequantize", "DequantizeLinear", [picked, scale, zeroPoint], [node.Outputs[0]], []));
            }
            else
            {
                nodes.Add(node);
                continue;
            }

            replaced.Add(weight.Name);
        }

        // A weight some other node still reads as float (tied weights) keeps its float copy.
        var stillRead = nodes.SelectMany(node => node.Inputs).ToHashSet(StringComparer.Ordinal);
        var kept = graph.Initializers.Where(tensor => !replaced.Contains(tensor.Name) || stillRead.Contains(tensor.Name));
        return new OnnxGraph(graph.Name, nodes, [.. kept, .. added], graph.Inputs, graph.Outputs, graph.ParameterCount);
    }

    private static bool IsConstantWeight(OnnxNode node, Dictionary<string, OnnxTensor> initializers, string opType, int rank, out OnnxTensor weight)
    {
        weight = null!;
        return node.OpType == opType && node.Inputs.Count >= 2 && !initializers.ContainsKey(node.Inputs[0]) &&
            initializers.TryGetValue(node.Inputs[1], out weight!) &&
            weight.ElementType == OnnxElementType.Float && weight.Dims.Count == rank;
    }

    // One DynamicQuantizeLinear per activation: q, k and v projections read the same input.
    private static (string Data, string Scale, string ZeroPoint) QuantizeActivation(
        string activation, List<OnnxNode> nodes, Dictionary<string, (string Data, string Scale, string ZeroPoint)> quantizedActivations)
    {
        if (!quantizedActivations.TryGetValue(activation, out var quantized))
        {
            quantized = (activation + "_quantized", activation + "_scale", activation + "_zero_point");
            nodes.Add(new OnnxNode(activation + "_QuantizeLinear", "DynamicQuantizeLinear", [activation],
                [quantized.Data, quantized.Scale, quantized.ZeroPoint], []));
            quantizedActivations[activation] = quantized;
        }

        return quantized;
    }

    // integer op(A_q, W_q, A_zp, W_zp) → Cast(float) → × (A_scale × W_scale), ending in the node's own output.
    private static void AddIntegerChain(
        OnnxNode node, string integerOp, (string Data, string Scale, string ZeroPoint) input, (string Data, string Scale, string ZeroPoint) weight, List<OnnxNode> nodes)
    {
        var output = node.Outputs[0];
        nodes.Add(new OnnxNode(node.Name + "_quant", integerOp, [input.Data, weight.Data, input.ZeroPoint, weight.ZeroPoint],
            [output + "_output_quantized"], node.Attributes));
        nodes.Add(new OnnxNode(node.Name + "_quant_cast", "Cast", [output + "_output_quantized"], [output + "_output_float"],
            [OnnxAttribute.Int("to", (long)OnnxElementType.Float)]));
        nodes.Add(new OnnxNode(node.Name + "_quant_scales_mul", "Mul", [input.Scale, weight.Scale], [output + "_scales"], []));
        nodes.Add(new OnnxNode(node.Name + "_quant_output_scale_mul", "Mul", [output + "_output_float", output + "_scales"], [output], []));
    }

    private static (string Data, string Scale, string ZeroPoint) QuantizeWeight(OnnxTensor weight, DynamicQuantization settings, List<OnnxTensor> added)
    {
        // Rank 2: [in, out] (columns are the output channels); otherwise one flat group.
        var columns = weight.Dims.Count == 2 ? checked((int)weight.Dims[1]) : checked((int)weight.ElementCount);
        var rows = checked((int)(weight.ElementCount / columns));
        var quantized = WeightQuantizer.Quantize(weight.FloatData, rows, columns, settings);

        // Per-channel: one scale and zero point per output column (MatMulInteger's per-column
        // b_zero_point); otherwise scalars.
        long[] groupShape = settings.PerChannel ? [columns] : [];
        var data = OnnxTensor.Bytes(weight.Name + "_quantized", settings.WeightType, [.. weight.Dims], quantized.Data);
        var scale = OnnxTensor.Floats(weight.Name + "_scale", groupShape);
        quantized.Scales.CopyTo(scale.FloatData);
        var zeroPoint = OnnxTensor.Bytes(weight.Name + "_zero_point", settings.WeightType, groupShape, quantized.ZeroPoints);
        added.AddRange([data, scale, zeroPoint]);
        return (data.Name, scale.Name, zeroPoint.Name);
    }
}
