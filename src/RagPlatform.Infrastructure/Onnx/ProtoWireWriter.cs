using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Writes protobuf fields: the counterpart of <see cref="ProtoWireCursor"/> for rewriting a
/// message field by field, copying what is not changed as it was.</summary>
internal sealed class ProtoWireWriter
{
    private const int Fixed32Type = 5;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void String(int number, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Bytes(number, bytes);
    }

    public void Bytes(int number, ReadOnlySpan<byte> value)
    {
        Tag(number, ProtoWireField.LengthDelimitedType);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Message(int number, ProtoWireWriter message) => Bytes(number, message.Written);

    public void VarintField(int number, ulong value)
    {
        Tag(number, ProtoWireField.VarintType);
        Varint(value);
    }

    public void Float(int number, float value)
    {
        Tag(number, Fixed32Type);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>Writes a field as the cursor found it in <paramref name="data"/>.</summary>
    public void Copy(ReadOnlySpan<byte> data, ProtoWireField field)
    {
        Tag(field.Number, field.WireType);
        if (field.WireType == ProtoWireField.LengthDelimitedType)
        {
            Varint((ulong)field.Length);
        }

        _buffer.Write(data.Slice(field.Start, field.Length));
    }

    private void Tag(int number, int wireType) => Varint(((ulong)number << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        _buffer.Write([(byte)value]);
    }
}
