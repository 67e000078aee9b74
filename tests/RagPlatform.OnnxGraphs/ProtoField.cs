using Google.Protobuf;

namespace RagPlatform.OnnxGraphs;

/// <summary>Sizes and writes of single tagged fields. onnx.proto is proto2: repeated scalars are
/// written unpacked (one tag per element), as the schema declares them.</summary>
internal static class ProtoField
{
    public static int StringSize(int field, string value) =>
        CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeStringSize(value);

    public static int Int64Size(int field, long value) =>
        CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeInt64Size(value);

    public static int FloatSize(int field) =>
        CodedOutputStream.ComputeTagSize(field) + sizeof(float);

    public static int BytesSize(int field, int length) =>
        CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeLengthSize(length) + length;

    public static int MessageSize(int field, IOnnxMessage message) => BytesSize(field, message.CalculateSize());

    /// <summary>Adds sizes with an overflow check: one protobuf message cannot exceed 2 GiB.</summary>
    public static int Add(int total, int size)
    {
        var sum = (long)total + size;
        if (sum > int.MaxValue)
        {
            throw new InvalidOperationException(
                "The ONNX model exceeds the 2 GiB protobuf limit; large weights would need external data files.");
        }

        return (int)sum;
    }

    public static void WriteString(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    public static void WriteInt64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    public static void WriteFloat(CodedOutputStream output, int field, float value)
    {
        output.WriteTag(field, WireFormat.WireType.Fixed32);
        output.WriteFloat(value);
    }

    public static void WriteBytes(CodedOutputStream output, int field, ReadOnlyMemory<byte> value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        // UnsafeWrap avoids copying weight tensors of up to ~100 MB; the memory is not mutated while written.
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
    }

    public static void WriteMessage(CodedOutputStream output, int field, IOnnxMessage message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteLength(message.CalculateSize());
        message.WriteTo(output);
    }
}
