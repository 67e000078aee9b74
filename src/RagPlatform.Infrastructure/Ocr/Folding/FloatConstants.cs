using System.Buffers.Binary;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Ocr.Folding;

/// <summary>The float tensors of a model held as raw data (initializers and Constant nodes' values),
/// by name, read and overwritten in place in the model's bytes.</summary>
internal sealed class FloatConstants(byte[] model)
{
    // TensorProto.DataType FLOAT (onnx.proto)
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
        var tensor = OnnxProtoReader.ReadTensor(_model, message);
        if (tensor.DataType == FloatDataType && tensor.RawDataOffset >= 0 && !tensor.HasDataElsewhere
            && tensor.RawDataLength % 4 == 0 && tensor.RawDataLength / 4 == tensor.ElementCount)
        {
            _tensors[name ?? tensor.Name] = ([.. tensor.Dims], tensor.RawDataOffset, tensor.RawDataLength);
        }

        return tensor.Name;
    }
}
