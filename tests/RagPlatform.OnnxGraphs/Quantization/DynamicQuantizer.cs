namespace RagPlatform.OnnxGraphs.Quantization;

/// <summary>Rewrites a float graph the way ONNX Runtime's <c>quantize_dynamic</c> rewrites MatMul
/// (its MatMulInteger operator with MatMulConstBOnly): every MatMul whose B input is a constant
/// rank-2 float weight becomes
/// <c>DynamicQuantizeLinear(A) → MatMulInteger(A_q, W_q, A_zp, W_zp) → Cast(float) → Mul(A_scale × W_scale)</c>.
/// The float weight is replaced by its 8-bit copy with scales and zero points; MatMuls of two
/// activations (attention scores) stay float. ONNX Runtime fuses each such chain into one
/// DynamicQuantizeMatMul kernel when it loads the graph.</summary>
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

        // One DynamicQuantizeLinear per activation: q, k and v projections read the same input.
        var quantizedActivations = new Dictionary<string, (string Data, string Scale, string ZeroPoint)>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (!IsConstantWeightMatMul(node, initializers, out var weight))
            {
                nodes.Add(node);
                continue;
            }

            var activation = node.Inputs[0];
            if (!quantizedActivations.TryGetValue(activation, out var quantized))
            {
                quantized = (activation + "_quantized", activation + "_scale", activation + "_zero_point");
                nodes.Add(new OnnxNode(activation + "_QuantizeLinear", "DynamicQuantizeLinear", [activation],
                    [quantized.Data, quantized.Scale, quantized.ZeroPoint], []));
                quantizedActivations[activation] = quantized;
            }

            var (data, scale, zeroPoint) = QuantizeWeight(weight, settings, added);
            replaced.Add(weight.Name);
            var output = node.Outputs[0];
            nodes.Add(new OnnxNode(node.Name + "_quant", "MatMulInteger", [quantized.Data, data, quantized.ZeroPoint, zeroPoint],
                [output + "_output_quantized"], []));
            nodes.Add(new OnnxNode(node.Name + "_quant_cast", "Cast", [output + "_output_quantized"], [output + "_output_float"],
                [OnnxAttribute.Int("to", (long)OnnxElementType.Float)]));
            nodes.Add(new OnnxNode(node.Name + "_quant_scales_mul", "Mul", [quantized.Scale, scale], [output + "_scales"], []));
            nodes.Add(new OnnxNode(node.Name + "_quant_output_scale_mul", "Mul", [output + "_output_float", output + "_scales"], [output], []));
        }

        // A weight some other node still reads as float (tied weights) keeps its float copy.
        var stillRead = nodes.SelectMany(node => node.Inputs).ToHashSet(StringComparer.Ordinal);
        var kept = graph.Initializers.Where(tensor => !replaced.Contains(tensor.Name) || stillRead.Contains(tensor.Name));
        return new OnnxGraph(graph.Name, nodes, [.. kept, .. added], graph.Inputs, graph.Outputs, graph.ParameterCount);
    }

    private static bool IsConstantWeightMatMul(OnnxNode node, Dictionary<string, OnnxTensor> initializers, out OnnxTensor weight)
    {
        weight = null!;
        return node.OpType == "MatMul" && node.Inputs.Count == 2 && !initializers.ContainsKey(node.Inputs[0]) &&
            initializers.TryGetValue(node.Inputs[1], out weight!) &&
            weight.ElementType == OnnxElementType.Float && weight.Dims.Count == 2;
    }

    private static (string Data, string Scale, string ZeroPoint) QuantizeWeight(OnnxTensor weight, DynamicQuantization settings, List<OnnxTensor> added)
    {
        var rows = checked((int)weight.Dims[0]);
        var columns = checked((int)weight.Dims[1]);
        var quantized = WeightQuantizer.Quantize(weight.FloatData, rows, columns, settings);

        // Per-channel: one scale and zero point per output column (MatMulInteger's per-column
        // b_zero_point); otherwise scalars.
        long[] groupShape = settings.PerChannel ? [columns] : [];
        var data = OnnxTensor.Bytes(weight.Name + "_quantized", settings.WeightType, [rows, columns], quantized.Data);
        var scale = OnnxTensor.Floats(weight.Name + "_scale", groupShape);
        quantized.Scales.CopyTo(scale.FloatData);
        var zeroPoint = OnnxTensor.Bytes(weight.Name + "_zero_point", settings.WeightType, groupShape, quantized.ZeroPoints);
        added.AddRange([data, scale, zeroPoint]);
        return (data.Name, scale.Name, zeroPoint.Name);
    }
}
