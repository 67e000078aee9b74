using Google.Protobuf;

namespace RagPlatform.OnnxGraphs;

/// <summary>GraphProto: nodes in topological order, their constant tensors, and the graph's
/// inputs and outputs. Built by <see cref="OnnxGraphBuilder"/>.</summary>
public sealed class OnnxGraph(
    string name,
    IReadOnlyList<OnnxNode> nodes,
    IReadOnlyList<OnnxTensor> initializers,
    IReadOnlyList<OnnxValueInfo> inputs,
    IReadOnlyList<OnnxValueInfo> outputs,
    long parameterCount) : IOnnxMessage
{
    // Field numbers of GraphProto in onnx.proto.
    private const int NodeField = 1;
    private const int NameField = 2;
    private const int InitializerField = 5;
    private const int InputField = 11;
    private const int OutputField = 12;

    public string Name { get; } = name;

    public IReadOnlyList<OnnxNode> Nodes { get; } = nodes;

    public IReadOnlyList<OnnxTensor> Initializers { get; } = initializers;

    public IReadOnlyList<OnnxValueInfo> Inputs { get; } = inputs;

    public IReadOnlyList<OnnxValueInfo> Outputs { get; } = outputs;

    /// <summary>Learned weights only (float initializers), not shape constants or masks.</summary>
    public long ParameterCount { get; } = parameterCount;

    public int CalculateSize()
    {
        var size = ProtoField.StringSize(NameField, Name);
        foreach (var node in Nodes)
        {
            size = ProtoField.Add(size, ProtoField.MessageSize(NodeField, node));
        }

        foreach (var tensor in Initializers)
        {
            size = ProtoField.Add(size, ProtoField.MessageSize(InitializerField, tensor));
        }

        size += Inputs.Sum(input => ProtoField.MessageSize(InputField, input));
        size += Outputs.Sum(output => ProtoField.MessageSize(OutputField, output));
        return size;
    }

    public void WriteTo(CodedOutputStream output)
    {
        foreach (var node in Nodes)
        {
            ProtoField.WriteMessage(output, NodeField, node);
        }

        ProtoField.WriteString(output, NameField, Name);
        foreach (var tensor in Initializers)
        {
            ProtoField.WriteMessage(output, InitializerField, tensor);
        }

        foreach (var input in Inputs)
        {
            ProtoField.WriteMessage(output, InputField, input);
        }

        foreach (var graphOutput in Outputs)
        {
            ProtoField.WriteMessage(output, OutputField, graphOutput);
        }
    }
}
