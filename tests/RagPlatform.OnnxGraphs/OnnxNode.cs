using Google.Protobuf;

namespace RagPlatform.OnnxGraphs;

/// <summary>NodeProto: one operator of the default ONNX domain.</summary>
public sealed class OnnxNode(string name, string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, IReadOnlyList<OnnxAttribute> attributes)
    : IOnnxMessage
{
    // Field numbers of NodeProto in onnx.proto.
    private const int InputField = 1;
    private const int OutputField = 2;
    private const int NameField = 3;
    private const int OpTypeField = 4;
    private const int AttributeField = 5;

    public string Name { get; } = name;

    public string OpType { get; } = opType;

    public IReadOnlyList<string> Inputs { get; } = inputs;

    public IReadOnlyList<string> Outputs { get; } = outputs;

    public IReadOnlyList<OnnxAttribute> Attributes { get; } = attributes;

    public int CalculateSize()
    {
        var size = ProtoField.StringSize(NameField, Name) + ProtoField.StringSize(OpTypeField, OpType);
        size += Inputs.Sum(input => ProtoField.StringSize(InputField, input));
        size += Outputs.Sum(output => ProtoField.StringSize(OutputField, output));
        size += Attributes.Sum(attribute => ProtoField.MessageSize(AttributeField, attribute));
        return size;
    }

    public void WriteTo(CodedOutputStream output)
    {
        foreach (var input in Inputs)
        {
            ProtoField.WriteString(output, InputField, input);
        }

        foreach (var name in Outputs)
        {
            ProtoField.WriteString(output, OutputField, name);
        }

        ProtoField.WriteString(output, NameField, Name);
        ProtoField.WriteString(output, OpTypeField, OpType);
        foreach (var attribute in Attributes)
        {
            ProtoField.WriteMessage(output, AttributeField, attribute);
        }
    }
}
