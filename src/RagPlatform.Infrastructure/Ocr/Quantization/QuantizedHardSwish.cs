using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Hard-swish between two quantised convolutions, kept in uint8: the folded blocks' float
/// <c>DequantizeLinear → x · HardSigmoid(x) [+ b2] → QuantizeLinear</c> (about half of the int8
/// recogniser's time) becomes two QDQ groups that ONNX Runtime fuses into its com.microsoft
/// QLinearAdd and QLinearMul (MLAS's vectorised uint8 kernels):
/// <list type="bullet">
/// <item>HardSigmoid(x) = clip(α · x + β, 0, 1) = α · clip(x + β / α, 0, 1 / α), so
/// <c>t = Q(x + β / α)</c> with t quantised on exactly [0, 1 / α] (zero point 0): uint8 saturation is
/// the clip. t is dequantised at α times its scale, which gives HardSigmoid(x) itself, on 1/255 steps
/// (0 and 1 exact).</item>
/// <item><c>y = Q(x · HardSigmoid(x))</c> at the scale of the value the next convolution reads.
/// The block's last shift (b2, left in the graph before a padded convolution) goes into that
/// QuantizeLinear's zero point, a whole number of steps at a scale moved slightly for it.</item>
/// </list>
/// With <see cref="OcrInt8Rewrite.LookupHardSwish"/> the pair becomes one lookup of x's uint8 value in a
/// table of what the two give (<see cref="HardSwishTable"/>), run by the platform's own operator
/// (<see cref="OcrOperatorLibrary"/>).
/// No new range is calibrated: x's is its convolution's output range, y's (or y + b2's) the next
/// convolution's input range. On the bench's 1x charts this keeps the lone 10 px "0" as well as float
/// hard-swish does (a zero point rounded to the nearest step instead dropped it below the confidence limit).</summary>
internal static class QuantizedHardSwish
{
    /// <summary>How far the scale of a value with a shift may move so that the shift is a whole number of
    /// steps (the recogniser's move under 9 %; a shift under half a step, or one that would need more, stays float).</summary>
    private const float ScaleTolerance = 0.15f;

    /// <summary>The operator of the platform's own library (src/native/u8lookup.c) that looks a uint8
    /// tensor up in its <c>table</c> attribute: registered in the standard domain under hard-swish's name, so
    /// that ONNX Runtime's transpose optimiser moves the NHWC layout through it as through any
    /// one-input elementwise operator (an operator in a domain of its own stops it: transposes around each).</summary>
    public const string LookupOperator = "HardSwish";

    /// <summary>Writes <paramref name="value"/> in integer form when a hard-swish of a quantised value
    /// (with, or without, b2 after it) writes it and only the given convolutions read it.</summary>
    /// <param name="range">The range of <paramref name="value"/> to quantise it on.</param>
    /// <param name="quantized">The values quantised so far, by their float name.</param>
    /// <param name="convs">The convolutions being quantised (each reads its data input dequantised).</param>
    /// <param name="otherReaders">Other nodes that may read <paramref name="value"/>: the caller points them at its dequantised value.</param>
    /// <param name="lookup">Written as one <see cref="LookupOperator"/> lookup of x's uint8 value (<see cref="HardSwishTable"/>)
    /// instead of the two QDQ groups, when x's uint8 value is in the graph.</param>
    /// <returns>The quantised value, or null (nothing written) when the pattern does not match.</returns>
    public static QuantizedActivation? TryWrite(FoldableGraph graph, GraphAdditions additions, IReadOnlyDictionary<string, QuantizedActivation> quantized,
        string value, ActivationRange range, IReadOnlySet<FoldableNode> convs, IReadOnlySet<FoldableNode>? otherReaders = null, bool lookup = false)
    {
        if (graph.Readers(value) is not ({ Count: > 0 } readers, false)
            || readers.Any(reader => otherReaders?.Contains(reader) != true && (!convs.Contains(reader) || reader.Inputs.LastIndexOf(value) != 0))
            || Match(graph, value) is not { } match
            || !quantized.TryGetValue(match.Gate.Inputs[0], out var x))
        {
            return null;
        }

        var (gate, product, shift, b2) = match;
        var alpha = graph.FloatAttribute(gate, "alpha") ?? 0.2f;
        var beta = graph.FloatAttribute(gate, "beta") ?? 0.5f;
        if (alpha <= 0 || beta <= 0)
        {
            return null;
        }

        // y = value − b2 is written with b2 / scale steps more in its zero point: the scale is moved to
        // the nearest one of which b2 is a whole number of steps (exact, unlike a rounded zero point,
        // whose error a padded convolution's bias could not take back out at the borders, nearly all
        // of the recogniser's 3-row maps), within a few percent of the calibrated scale.
        var steps = MathF.Round(b2 / range.Scale);
        if (b2 != 0)
        {
            var scale = Math.Abs(b2 / steps);
            if (steps == 0 || Math.Abs((scale / range.Scale) - 1) > ScaleTolerance)
            {
                return null;
            }

            var low = Math.Min(range.Min, 0);
            range = range with { Min = low, Max = low + (scale * 255) };
            if (Math.Abs((range.Scale / scale) - 1) > 1e-4f)
            {
                return null; // a range almost all below zero, which the move cannot keep: not hard-swish's
            }
        }

        var zeroPoint = range.ZeroPoint + steps;
        if (zeroPoint is < 0 or > 255)
        {
            return null;
        }

        var name = value + "_hswish";
        if (lookup && x.Integer is { } integer)
        {
            // x's uint8 value → its table → the value's uint8 value; x's DequantizeLinear is left without readers.
            var table = HardSwishTable.Build((x.Range.Scale, x.Range.ZeroPoint), alpha, beta, range.Scale, (int)zeroPoint);
            additions.Node(LookupOperator, [integer + "_q"], value + "_int_q", name + "_lookup", [("table", [.. table.Select(entry => (long)entry)])]);
            additions.RemoveNode(x.Dequantized);
            (gate.Removed, product.Removed) = (true, true);
            shift?.Removed = true;
            Scalar(additions, value + "_int", range.Scale, range.ZeroPoint);
            additions.Node("DequantizeLinear", [value + "_int_q", value + "_int_scale", value + "_int_zero"], value + "_dq", GraphAdditions.MicrosoftDomain);
            return new QuantizedActivation(value + "_dq", range);
        }

        // t = clip(x + β / α, 0, 1 / α) on uint8 [0, 255]; read back at α times its scale it is HardSigmoid(x).
        var shiftToZero = beta / alpha;
        Scalar(additions, name + "_c", shiftToZero / 255, 0, 255);
        additions.Node("DequantizeLinear", [name + "_c_q", name + "_c_scale", name + "_c_zero"], name + "_c", GraphAdditions.MicrosoftDomain);
        additions.Node("Add", [x.Dequantized, name + "_c"], name + "_t", domain: string.Empty);
        Scalar(additions, name + "_t", 1 / (alpha * 255), 0);
        Scalar(additions, name + "_gate", 1f / 255, 0);
        additions.Node("QuantizeLinear", [name + "_t", name + "_t_scale", name + "_t_zero"], name + "_t_q", GraphAdditions.MicrosoftDomain);
        additions.Node("DequantizeLinear", [name + "_t_q", name + "_gate_scale", name + "_gate_zero"], name + "_gate", GraphAdditions.MicrosoftDomain);

        product.Inputs.Clear();
        product.Inputs.AddRange([x.Dequantized, name + "_gate"]);
        gate.Removed = true;
        if (shift is not null)
        {
            shift.Removed = true;
        }

        var written = product.Outputs[0];
        Scalar(additions, name + "_y", range.Scale, (byte)zeroPoint);
        Scalar(additions, value + "_int", range.Scale, range.ZeroPoint);
        additions.Node("QuantizeLinear", [written, name + "_y_scale", name + "_y_zero"], value + "_int_q", GraphAdditions.MicrosoftDomain);
        additions.Node("DequantizeLinear", [value + "_int_q", value + "_int_scale", value + "_int_zero"], value + "_dq", GraphAdditions.MicrosoftDomain);
        return new QuantizedActivation(value + "_dq", range);
    }

    /// <summary><c>value = x · HardSigmoid(x)</c>, or that plus a scalar constant b2, where x is read by nothing else.</summary>
    private static (FoldableNode Gate, FoldableNode Product, FoldableNode? Shift, float B2)? Match(FoldableGraph graph, string value)
    {
        var (product, shift, b2) = (graph.Writer(value), (FoldableNode?)null, 0f);
        if (HardSwishPattern.ScalarShift(graph, product) is var (sum, shiftBy))
        {
            (shift, b2, product) = (product, shiftBy, graph.Writer(sum));
        }

        return product is not null && HardSwishPattern.Gate(graph, product) is var (gate, _) ? (gate, product, shift, b2) : null;
    }

    /// <summary>A scalar uint8 quantisation: <c>{name}_scale</c>, <c>{name}_zero</c> and, when given, the value <c>{name}_q</c>.</summary>
    private static void Scalar(GraphAdditions additions, string name, float scale, byte zeroPoint, byte? quantized = null)
    {
        additions.Initializer<float>(name + "_scale", [], GraphAdditions.FloatType, [scale]);
        additions.Initializer<byte>(name + "_zero", [], GraphAdditions.UInt8Type, [zeroPoint]);
        if (quantized is { } stored)
        {
            additions.Initializer<byte>(name + "_q", [], GraphAdditions.UInt8Type, [stored]);
        }
    }
}
