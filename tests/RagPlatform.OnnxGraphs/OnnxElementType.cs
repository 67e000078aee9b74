namespace RagPlatform.OnnxGraphs;

/// <summary>The subset of TensorProto.DataType (onnx.proto) the generated graphs use.</summary>
public enum OnnxElementType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
}
