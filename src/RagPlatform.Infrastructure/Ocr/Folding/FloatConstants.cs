using System.Buffers.Binary;
using System.Text;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Ocr.Folding;

/// <summary>The float tensors of a model held as raw data (initializers and Constant nodes' values),
/// by name, read and overwritten in place in the model's bytes.</summary>
internal sealed class FloatConstants(byte[] model)
{
    // TensorProto (onnx.proto field numbers)
    private const int TensorDimsField = 1;
    private const int TensorDataTypeField = 2;
    private const int TensorNameField = 8;
    private const int TensorRawDataField = 9;
    private const int FloatDataType = 1;

    private readonly byte[] _model = model;
    private readonly Dictionary<string, (long[] Dims, int Start, int Length)> _tensors = new(StringComparer.Ordinal);

    public bool Contains(string value) => _tensors.ContainsKey(value);

    public long[] Dims(string value) => _tensors[value].Dims;

    public float[] Floats(string value)
    {
        var (_, start, length) = _tensors[value];
        var values = new float[length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(_model.AsSpan(start + (4 * i), 4));
        }

        return values;
    }

    /// <summary>Overwrites a float constant in place (as many values as it has).</summary>
    public void SetFloats(string value, ReadOnlySpan<float> values)
    {
        var (_, start, length) = _tensors[value];
        if (values.Length * 4 != length)
        {
            throw new ArgumentException($"{value} holds {length / 4} values, not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(_model.AsSpan(start + (4 * i), 4), values[i]);
        }
    }

    /// <summary>The value of a one-element float constant, or null.</summary>
    public float? Scalar(string? value) =>
        value is not null && _tensors.TryGetValue(value, out var tensor) && tensor.Length == 4
            ? BinaryPrimitives.ReadSingleLittleEndian(_model.AsSpan(tensor.Start, 4))
            : null;

    /// <summary>Records a float tensor with raw data under its name (or <paramref name="name"/>).</summary>
    /// <returns>The tensor's own name.</returns>
    public string Record(ProtoWireField message, string? name)
    {
        var dims = new List<long>();
        var (ownName, dataType, raw) = (string.Empty, 0UL, (ProtoWireField?)null);
        var cursor = new ProtoWireCursor(_model, message.Start, message.End);
        while (cursor.Next(out var field))
        {
            switch (field.Number)
            {
                case TensorDimsField when field.WireType == ProtoWireField.VarintType:
                    dims.Add((long)field.Varint);
                    break;
                case TensorDimsField:
                    dims.AddRange(ProtoWireCursor.ReadPackedVarints(_model, field).Select(value => (long)value));
                    break;
                case TensorDataTypeField:
                    dataType = field.Varint;
                    break;
                case TensorNameField:
                    ownName = Text(field);
                    break;
                case TensorRawDataField:
                    raw = field;
                    break;
                default:
                    break;
            }
        }

        if (dataType == FloatDataType && raw is { } data && data.Length % 4 == 0 && data.Length / 4 == dims.Aggregate(1L, (product, dim) => product * dim))
        {
            _tensors[name ?? ownName] = ([.. dims], data.Start, data.Length);
        }

        return ownName;
    }

    private string Text(ProtoWireField field) => Encoding.UTF8.GetString(_model, field.Start, field.Length);
}
