using Google.Protobuf;

namespace RagPlatform.OnnxGraphs;

/// <summary>One message of onnx.proto that knows its encoded size and writes its own fields.
/// Sizes are computed before writing because every nested message is length-prefixed.</summary>
internal interface IOnnxMessage
{
    /// <summary>Encoded size in bytes, without the enclosing tag and length.</summary>
    int CalculateSize();

    void WriteTo(CodedOutputStream output);
}
