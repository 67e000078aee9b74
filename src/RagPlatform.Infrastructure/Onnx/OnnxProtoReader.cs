using System.Text;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>A minimal walk of an ONNX model's protobuf bytes (field numbers of onnx/onnx's onnx.proto):
/// the main graph's nodes and initializers with the offsets of their data, without copying weights,
/// so a caller can patch tensors in place. Not a parser of the whole format: functions, sparse
/// initializers and subgraphs are not followed.</summary>
internal static class OnnxProtoReader
{
    // ModelProto
    private const int GraphField = 7;

    // GraphProto
    private const int NodeField = 1;
    private const int InitializerField = 5;
    private const int OutputField = 12;

    // NodeProto
    private const int NodeInputField = 1;
    private const int OpTypeField = 4;
    private const int AttributeField = 5;
    private const int DomainField = 7;

    // AttributeProto: g and graphs
    private const int AttributeGraphField = 6;
    private const int AttributeGraphsField = 11;

    // ValueInfoProto
    private const int ValueInfoNameField = 1;

    // TensorProto
    private const int DimsField = 1;
    private const int DataTypeField = 2;
    private const int NameField = 8;
    private const int RawDataField = 9;
    private const int ExternalDataField = 13;
    private const int DataLocationField = 14;

    // float_data, int32_data, string_data, int64_data, double_data, uint64_data
    private static readonly int[] TypedDataFields = [4, 5, 6, 7, 10, 11];

    /// <exception cref="InvalidDataException">The bytes are not protobuf.</exception>
    public static OnnxModelLayout Read(ReadOnlySpan<byte> model)
    {
        var nodes = new List<OnnxNodeLayout>();
        var initializers = new List<OnnxInitializerLayout>();
        var outputs = new List<string>();
        var cursor = new ProtoWireCursor(model, 0, model.Length);
        while (cursor.Next(out var field))
        {
            // A message field written twice is merged by protobuf: both parts belong to the graph.
            if (field.Number == GraphField && field.WireType == ProtoWireField.LengthDelimitedType)
            {
                ReadGraph(model, field, nodes, initializers, outputs);
            }
        }

        return new OnnxModelLayout(nodes, initializers, outputs);
    }

    private static void ReadGraph(ReadOnlySpan<byte> model, ProtoWireField graph, List<OnnxNodeLayout> nodes, List<OnnxInitializerLayout> initializers, List<string> outputs)
    {
        var cursor = new ProtoWireCursor(model, graph.Start, graph.End);
        while (cursor.Next(out var field))
        {
            if (field.WireType != ProtoWireField.LengthDelimitedType)
            {
                continue;
            }

            switch (field.Number)
            {
                case NodeField:
                    nodes.Add(ReadNode(model, field));
                    break;
                case InitializerField:
                    initializers.Add(ReadTensor(model, field));
                    break;
                case OutputField:
                    outputs.Add(ReadStringField(model, field, ValueInfoNameField) ?? string.Empty);
                    break;
                default:
                    break;
            }
        }
    }

    private static OnnxNodeLayout ReadNode(ReadOnlySpan<byte> model, ProtoWireField node)
    {
        var inputs = new List<string>();
        var opType = string.Empty;
        var domain = string.Empty;
        var hasSubgraph = false;
        var cursor = new ProtoWireCursor(model, node.Start, node.End);
        while (cursor.Next(out var field))
        {
            if (field.WireType != ProtoWireField.LengthDelimitedType)
            {
                continue;
            }

            switch (field.Number)
            {
                case NodeInputField:
                    inputs.Add(Text(model, field));
                    break;
                case OpTypeField:
                    opType = Text(model, field);
                    break;
                case DomainField:
                    domain = Text(model, field);
                    break;
                case AttributeField:
                    hasSubgraph |= HasGraph(model, field);
                    break;
                default:
                    break;
            }
        }

        return new OnnxNodeLayout(opType, domain, inputs, hasSubgraph);
    }

    private static bool HasGraph(ReadOnlySpan<byte> model, ProtoWireField attribute)
    {
        var cursor = new ProtoWireCursor(model, attribute.Start, attribute.End);
        while (cursor.Next(out var field))
        {
            if (field.Number is AttributeGraphField or AttributeGraphsField)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One TensorProto (an initializer, or a Constant node's value) and where its parts sit.</summary>
    public static OnnxInitializerLayout ReadTensor(ReadOnlySpan<byte> model, ProtoWireField tensor)
    {
        var name = string.Empty;
        var dims = new List<long>();
        int dataType = 0, dataTypeOffset = -1, rawOffset = -1, rawLength = 0;
        var elsewhere = false;
        var cursor = new ProtoWireCursor(model, tensor.Start, tensor.End);
        while (cursor.Next(out var field))
        {
            switch (field.Number)
            {
                // proto2 writes repeated scalars unpacked, but readers must accept both forms.
                case DimsField when field.WireType == ProtoWireField.VarintType:
                    dims.Add((long)field.Varint);
                    break;
                case DimsField when field.WireType == ProtoWireField.LengthDelimitedType:
                    dims.AddRange(ProtoWireCursor.ReadPackedVarints(model, field).Select(value => (long)value));
                    break;
                case DataTypeField when field.WireType == ProtoWireField.VarintType:
                    dataType = (int)field.Varint;
                    dataTypeOffset = field.Length == 1 ? field.Start : -1;
                    break;
                case NameField when field.WireType == ProtoWireField.LengthDelimitedType:
                    name = Text(model, field);
                    break;
                case RawDataField when field.WireType == ProtoWireField.LengthDelimitedType:
                    (rawOffset, rawLength) = (field.Start, field.Length);
                    break;
                case ExternalDataField:
                    elsewhere = true;
                    break;
                case DataLocationField:
                    elsewhere |= field.Varint != 0;
                    break;
                default:
                    elsewhere |= TypedDataFields.Contains(field.Number);
                    break;
            }
        }

        return new OnnxInitializerLayout(name, dataType, dataTypeOffset, dims, rawOffset, rawLength, elsewhere);
    }

    private static string? ReadStringField(ReadOnlySpan<byte> model, ProtoWireField message, int number)
    {
        string? value = null;
        var cursor = new ProtoWireCursor(model, message.Start, message.End);
        while (cursor.Next(out var field))
        {
            if (field.Number == number && field.WireType == ProtoWireField.LengthDelimitedType)
            {
                value = Text(model, field);
            }
        }

        return value;
    }

    private static string Text(ReadOnlySpan<byte> model, ProtoWireField field) => Encoding.UTF8.GetString(model.Slice(field.Start, field.Length));
}
