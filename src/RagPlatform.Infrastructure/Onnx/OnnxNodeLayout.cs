namespace RagPlatform.Infrastructure.Onnx;

/// <summary>A NodeProto as far as weight rewriting needs it.</summary>
/// <param name="Domain">Empty (or "ai.onnx") for the standard operators.</param>
/// <param name="HasSubgraph">An attribute holds a graph (If, Loop, Scan): its nodes may read the
/// outer graph's initializers, which this walk does not follow.</param>
internal sealed record OnnxNodeLayout(string OpType, string Domain, IReadOnlyList<string> Inputs, bool HasSubgraph)
{
    public bool IsStandard => Domain is "" or "ai.onnx";
}
