using System.Diagnostics;
using System.Numerics.Tensors;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Rewrites the uint8 constant weights of MatMulInteger nodes as int8, in the model bytes,
/// with the same integer products: w − zp = (w − c) − (zp − c), so weight and zero point are both
/// shifted by one constant c. Why: dynamically quantized graphs with a Conv get uint8 weights
/// throughout (quantize_dynamic's choice for ConvInteger), and ONNX Runtime's CPU kernels for
/// uint8 activations × uint8 weights are much slower than its u8 × s8 (VNNI) ones.
/// <para>Exactness: a tensor is converted only when the shifted weights and zero points fit 7 bits
/// (−64…63), as reduce-range weights (0…127) do. Then the AVX2 u8 × s8 kernel (vpmaddubsw sums two
/// u8 × s8 products in int16, saturating) cannot saturate either: 2 × 255 × 64 = 32,640 ≤ 32,767, so
/// every CPU computes the same int32 sums as before. A tensor that does not fit is left as it is.</para>
/// <para>In place: data_type (uint8 = 2 → int8 = 3, both one-byte varints) and raw_data keep their
/// lengths, so no protobuf is re-encoded. Tensors not in raw_data, weights or zero points that any
/// other input also reads, and models with subgraphs are left alone. ConvInteger, Gather and
/// DequantizeLinear inputs are never touched.</para></summary>
internal static class UnsignedWeightConversion
{
    private const int UInt8 = 2;
    private const int Int8 = 3;
    private const int SignedMin = -64;
    private const int SignedMax = 63;

    // MatMulInteger(A, B, a_zero_point, b_zero_point)
    private const int WeightInput = 1;
    private const int WeightZeroPointInput = 3;

    /// <summary>Converts what it can, patching <paramref name="model"/>; a model the walk cannot
    /// read is left unchanged (ONNX Runtime reports what is wrong with it when it loads).</summary>
    public static UnsignedWeightConversionResult Apply(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        OnnxModelLayout layout;
        try
        {
            layout = OnnxProtoReader.Read(model);
        }
        catch (Exception exception) when (exception is InvalidDataException or OverflowException)
        {
            return new UnsignedWeightConversionResult(0, 0, clock.Elapsed);
        }

        var initializers = layout.Initializers.GroupBy(tensor => tensor.Name, StringComparer.Ordinal)
            .Where(group => group.Count() == 1)
            .ToDictionary(group => group.Key, group => group.Single(), StringComparer.Ordinal);
        var reads = layout.Nodes.SelectMany(node => node.Inputs).Concat(layout.GraphOutputs)
            .GroupBy(name => name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var subgraphs = layout.Nodes.Any(node => node.HasSubgraph);
        int converted = 0, left = 0;
        foreach (var node in layout.Nodes)
        {
            if (!node.IsStandard || node.OpType != "MatMulInteger" || node.Inputs.Count <= WeightZeroPointInput ||
                !initializers.TryGetValue(node.Inputs[WeightInput], out var weight) || weight.DataType != UInt8)
            {
                continue;
            }

            var convertible = !subgraphs &&
                initializers.TryGetValue(node.Inputs[WeightZeroPointInput], out var zeroPoint) &&
                weight.Name != zeroPoint.Name &&
                reads[weight.Name] == 1 && reads[zeroPoint.Name] == 1 &&
                TryConvert(model, weight, zeroPoint);
            if (convertible)
            {
                converted++;
            }
            else
            {
                left++;
            }
        }

        return new UnsignedWeightConversionResult(converted, left, clock.Elapsed);
    }

    private static bool TryConvert(byte[] model, OnnxInitializerLayout weight, OnnxInitializerLayout zeroPoint)
    {
        if (!IsPatchable(weight) || !IsPatchable(zeroPoint) || zeroPoint.DataType != UInt8)
        {
            return false;
        }

        var weights = model.AsSpan(weight.RawDataOffset, weight.RawDataLength);
        var zeroPoints = model.AsSpan(zeroPoint.RawDataOffset, zeroPoint.RawDataLength);
        var min = Math.Min(TensorPrimitives.Min<byte>(weights), TensorPrimitives.Min<byte>(zeroPoints));
        var max = Math.Max(TensorPrimitives.Max<byte>(weights), TensorPrimitives.Max<byte>(zeroPoints));

        // c must satisfy min − c ≥ −64 and max − c ≤ 63; 64 maps reduce-range weights 0…127 to −64…63.
        var lowest = max - SignedMax;
        var highest = min - SignedMin;
        if (lowest > highest)
        {
            return false;
        }

        var shift = (byte)Math.Clamp(-SignedMin, lowest, highest);

        // Byte subtraction wraps: the result is the two's-complement byte of the int8 value.
        TensorPrimitives.Subtract(weights, shift, weights);
        TensorPrimitives.Subtract(zeroPoints, shift, zeroPoints);
        model[weight.DataTypeOffset] = Int8;
        model[zeroPoint.DataTypeOffset] = Int8;
        return true;
    }

    private static bool IsPatchable(OnnxInitializerLayout tensor) =>
        !tensor.HasDataElsewhere && tensor.DataTypeOffset >= 0 && tensor.RawDataOffset >= 0 &&
        tensor.RawDataLength > 0 && tensor.RawDataLength == tensor.ElementCount;
}
