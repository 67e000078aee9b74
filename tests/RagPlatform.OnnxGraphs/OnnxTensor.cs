using System.Runtime.InteropServices;
using Google.Protobuf;

namespace RagPlatform.OnnxGraphs;

/// <summary>TensorProto: a named constant (a weight or a shape) stored little-endian in raw_data.</summary>
public sealed class OnnxTensor : IOnnxMessage
{
    // Field numbers of TensorProto in onnx.proto.
    private const int DimsField = 1;
    private const int DataTypeField = 2;
    private const int NameField = 8;
    private const int RawDataField = 9;
    private const int Int32DataField = 5;

    private OnnxTensor(string name, OnnxElementType elementType, long[] dims, byte[] rawData, bool inInt32Data = false)
    {
        Name = name;
        InInt32Data = inInt32Data;
        ElementType = elementType;
        Dims = dims;
        RawData = rawData;
    }

    public string Name { get; }

    public OnnxElementType ElementType { get; }

    public IReadOnlyList<long> Dims { get; }

    /// <summary>Little-endian element bytes, row-major (the machine is little-endian; checked at start).</summary>
    public byte[] RawData { get; }

    /// <summary>The values are written to int32_data (one varint per element, as older exporters
    /// stored small integer types) instead of raw_data.</summary>
    public bool InInt32Data { get; }

    public long ElementCount => Dims.Aggregate(1L, (product, dim) => product * dim);

    public Span<float> FloatData => ElementType == OnnxElementType.Float
        ? MemoryMarshal.Cast<byte, float>(RawData.AsSpan())
        : throw new InvalidOperationException($"Tensor {Name} is {ElementType}, not Float.");

    /// <summary>A zero-filled float tensor; fill it through <see cref="FloatData"/>.</summary>
    public static OnnxTensor Floats(string name, params long[] dims)
    {
        EnsureLittleEndian();
        var count = dims.Aggregate(1L, (product, dim) => product * dim);
        return new OnnxTensor(name, OnnxElementType.Float, dims, new byte[checked(count * sizeof(float))]);
    }

    /// <summary>A tensor of one-byte elements (UInt8 or Int8; an Int8 value is its two's-complement byte).</summary>
    public static OnnxTensor Bytes(string name, OnnxElementType elementType, long[] dims, byte[] values)
    {
        if (elementType is not (OnnxElementType.UInt8 or OnnxElementType.Int8))
        {
            throw new ArgumentException($"Tensor {name}: {elementType} is not a one-byte type.", nameof(elementType));
        }

        var count = dims.Aggregate(1L, (product, dim) => product * dim);
        return count == values.Length
            ? new OnnxTensor(name, elementType, dims, values)
            : throw new ArgumentException($"Tensor {name}: {values.Length} bytes for {count} elements.", nameof(values));
    }

    /// <summary>The same one-byte tensor stored in int32_data instead of raw_data.</summary>
    public static OnnxTensor BytesInInt32Data(string name, OnnxElementType elementType, long[] dims, byte[] values)
    {
        var inRawData = Bytes(name, elementType, dims, values);
        return new OnnxTensor(inRawData.Name, inRawData.ElementType, dims, inRawData.RawData, inInt32Data: true);
    }

    public static OnnxTensor Int64s(string name, long[] dims, ReadOnlySpan<long> values)
    {
        EnsureLittleEndian();
        return new OnnxTensor(name, OnnxElementType.Int64, dims, MemoryMarshal.AsBytes(values).ToArray());
    }

    public int CalculateSize()
    {
        var size = ProtoField.StringSize(NameField, Name) + ProtoField.Int64Size(DataTypeField, (long)ElementType);
        foreach (var dim in Dims)
        {
            size += ProtoField.Int64Size(DimsField, dim);
        }

        return ProtoField.Add(size, ProtoField.BytesSize(InInt32Data ? Int32DataField : RawDataField, InInt32Data ? Int32DataLength() : RawData.Length));
    }

    public void WriteTo(CodedOutputStream output)
    {
        foreach (var dim in Dims)
        {
            ProtoField.WriteInt64(output, DimsField, dim);
        }

        ProtoField.WriteInt64(output, DataTypeField, (long)ElementType);
        ProtoField.WriteString(output, NameField, Name);
        if (InInt32Data)
        {
            // int32_data is declared packed: one length, then a varint per element.
            output.WriteTag(Int32DataField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(Int32DataLength());
            foreach (var value in RawData)
            {
                output.WriteInt32(SignedValue(value));
            }
        }
        else
        {
            ProtoField.WriteBytes(output, RawDataField, RawData);
        }
    }

    private int SignedValue(byte value) => ElementType == OnnxElementType.Int8 ? unchecked((sbyte)value) : value;

    private int Int32DataLength() => RawData.Sum(value => CodedOutputStream.ComputeInt32Size(SignedValue(value)));

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("raw_data is written in machine order, which must be little-endian.");
        }
    }
}
