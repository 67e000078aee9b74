namespace RagPlatform.Infrastructure.Onnx;

/// <summary>One field of a protobuf message as it sits in the bytes: its number and wire type, the
/// value of a varint, and where the value starts (for a length-delimited field, its content, of
/// <see cref="Length"/> bytes; for a varint, its first byte, <see cref="Length"/> bytes long).</summary>
internal readonly record struct ProtoWireField(int Number, int WireType, ulong Varint, int Start, int Length)
{
    public const int VarintType = 0;
    public const int LengthDelimitedType = 2;

    public int End => Start + Length;
}
