namespace RagPlatform.OnnxGraphs;

/// <summary>The subset of TensorProto.DataType (onnx.proto) the generated graphs use.</summary>
public enum OnnxElementType
{
    Float = 1,
    Int32 = 6,
    Int64 = 7,
}
