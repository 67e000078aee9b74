namespace RagPlatform.Infrastructure.Onnx;

/// <summary>A TensorProto initializer and where its patchable parts sit in the model bytes.</summary>
/// <param name="DataType">onnx.proto's TensorProto.DataType (1 float, 2 uint8, 3 int8, …).</param>
/// <param name="DataTypeOffset">The offset of the data_type varint, or −1 when it is not a single
/// byte (every type number is below 128, so a writer that encodes it longer is not patched).</param>
/// <param name="RawDataOffset">The offset of raw_data's content, or −1 when the tensor has none.</param>
/// <param name="HasDataElsewhere">Values in typed fields (int32_data, …) or in external data: the
/// tensor's bytes are not (only) in raw_data.</param>
internal sealed record OnnxInitializerLayout(
    string Name, int DataType, int DataTypeOffset, IReadOnlyList<long> Dims, int RawDataOffset, int RawDataLength, bool HasDataElsewhere)
{
    public long ElementCount => Dims.Aggregate(1L, (product, dim) => product * dim);
}
