namespace RagPlatform.Infrastructure.Onnx;

/// <summary>The main graph of an ONNX model as <see cref="OnnxProtoReader"/> found it in the bytes.</summary>
/// <param name="GraphOutputs">Names the graph returns (an initializer among them is read from outside).</param>
internal sealed record OnnxModelLayout(IReadOnlyList<OnnxNodeLayout> Nodes, IReadOnlyList<OnnxInitializerLayout> Initializers, IReadOnlyList<string> GraphOutputs);
