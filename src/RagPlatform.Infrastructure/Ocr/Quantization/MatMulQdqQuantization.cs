using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Static int8 quantisation of the MatMuls with constant 2-D weights (the PP-OCRv4 recogniser's
/// SVTR neck projections and its CTC head, 120 × 6,625: float MatMul and FusedMatMul were about a tenth of
/// the int8 recogniser's time), run by ONNX Runtime's MatMulIntegerToFloat (MLAS's u8 × s8 kernels, the
/// output float, so the layer normalisation, attention and softmax after it are unchanged): the activation
/// is quantised to uint8 with a scale and zero point from its calibrated <see cref="ActivationRange"/>, the
/// weights are stored int8 (symmetric, one scale per output column). A MatMul followed by the Add of a bias
/// (all of the recogniser's) is written as that operator directly, the bias its last input; another gets
/// QDQ pairs, which ONNX Runtime fuses into it but leaves the Add float.</summary>
internal static class MatMulQdqQuantization
{
    /// <summary>The activations to calibrate: every quantisable MatMul's data input.</summary>
    public static IEnumerable<string> Activations(FoldableGraph graph) => MatMuls(graph).Select(matMul => matMul.Inputs[0]);

    /// <param name="quantized">The values quantised so far, by their float name (a MatMul reading one
    /// reads its DequantizeLinear); those quantised here are added.</param>
    /// <returns>How many MatMuls were quantised (those whose input has a range).</returns>
    public static int Apply(FoldableGraph graph, GraphAdditions additions, IReadOnlyDictionary<string, ActivationRange> ranges,
        Dictionary<string, QuantizedActivation> quantized)
    {
        var matMuls = MatMuls(graph).Where(matMul => ranges.ContainsKey(matMul.Inputs[0])).ToList();
        // Inputs read only by MatMuls with a bias need no DequantizeLinear (a node nothing reads would still run).
        var dequantized = matMuls.Where(matMul => BiasAdd(graph, matMul) is null).Select(matMul => matMul.Inputs[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var matMul in matMuls)
        {
            var (x, weight) = (matMul.Inputs[0], matMul.Inputs[1]);
            if (!quantized.TryGetValue(x, out var input))
            {
                input = dequantized.Contains(x) ? ConvQdqQuantization.Activation(additions, x, x + "_dq", ranges[x]) : Quantize(additions, x, ranges[x]);
                quantized[x] = input;
            }

            if (input.Integer is not null && BiasAdd(graph, matMul) is { } add)
            {
                WithBias(additions, graph, matMul, add, input.Integer);
                continue;
            }

            matMul.Inputs[0] = input.Dequantized;
            matMul.Inputs[1] = Weights(additions, graph, weight, matMul.Outputs[0]);
            additions.Node("DequantizeLinear", [matMul.Inputs[1] + "_q", matMul.Inputs[1] + "_scale", matMul.Inputs[1] + "_zero"], matMul.Inputs[1],
                GraphAdditions.MicrosoftDomain, ("axis", 1));
        }

        return matMuls.Count;
    }

    /// <summary>QuantizeLinear alone on <paramref name="value"/>, without the DequantizeLinear (no reader needs it).</summary>
    private static QuantizedActivation Quantize(GraphAdditions additions, string value, ActivationRange range)
    {
        ConvQdqQuantization.Quantize(additions, value, range);
        return new QuantizedActivation(value + "_dq", range, value);
    }

    /// <summary>The Add that alone reads <paramref name="matMul"/>'s output, of a constant bias per column.</summary>
    private static FoldableNode? BiasAdd(FoldableGraph graph, FoldableNode matMul) =>
        graph.OnlyReader(matMul.Outputs[0]) is { OpType: "Add", Inputs.Count: 2 } add && add.OtherInput(matMul.Outputs[0]) is { } bias
        && graph.Constants.Contains(bias) && graph.Constants.Dims(bias) is [var columns] && columns == graph.Constants.Dims(matMul.Inputs[1])[1]
            ? add
            : null;

    /// <summary>MatMul and its bias Add as one MatMulIntegerToFloat (which takes the bias: the QDQ form
    /// leaves a float Add, a pass over the CTC head's 6,625 logits per column; with a 4-D input ONNX Runtime
    /// even makes it a float Gemm), reading <c>{integer}_q</c>, the input's uint8 value.</summary>
    private static void WithBias(GraphAdditions additions, FoldableGraph graph, FoldableNode matMul, FoldableNode add, string integer)
    {
        // The bias is copied: the graph drops a constant that none of its own nodes reads any more.
        var weights = Weights(additions, graph, matMul.Inputs[1], matMul.Outputs[0]);
        var bias = graph.Constants.Floats(add.OtherInput(matMul.Outputs[0])!);
        additions.Initializer<float>(weights + "_bias", [bias.Length], GraphAdditions.FloatType, bias);
        additions.Node("MatMulIntegerToFloat",
            [integer + "_q", weights + "_q", integer + "_scale", weights + "_scale", integer + "_zero", weights + "_zero", weights + "_bias"],
            add.Outputs[0], GraphAdditions.MicrosoftDomain);
        matMul.Removed = add.Removed = true;
    }

    /// <summary>Int8 weights [K, N] with one symmetric scale per column (an output feature): <c>{name}_q</c>,
    /// <c>{name}_scale</c> and <c>{name}_zero</c>.</summary>
    /// <returns>The name.</returns>
    private static string Weights(GraphAdditions additions, FoldableGraph graph, string weight, string owner)
    {
        var dims = graph.Constants.Dims(weight);
        var columns = (int)dims[1];
        var name = owner + "_w";
        SymmetricInt8Weights.Write(additions, name, dims, graph.Constants.Floats(weight), columns, i => i % columns);
        return name;
    }

    private static IEnumerable<FoldableNode> MatMuls(FoldableGraph graph) => graph.Nodes.Where(node =>
        node is { OpType: "MatMul", Removed: false, Inputs.Count: 2, Outputs.Count: 1 }
        && graph.Constants.Contains(node.Inputs[1]) && graph.Constants.Dims(node.Inputs[1]).Length == 2
        && !graph.Constants.Contains(node.Inputs[0]));
}
