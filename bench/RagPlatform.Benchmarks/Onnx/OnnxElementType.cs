namespace RagPlatform.Benchmarks.Onnx;

/// <summary>The subset of TensorProto.DataType (onnx.proto) the generated graphs use.</summary>
internal enum OnnxElementType
{
    Float = 1,
    Int32 = 6,
    Int64 = 7,
}
