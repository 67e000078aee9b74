using System.Buffers.Binary;
using System.Text;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Ocr.Folding;

/// <summary>An ONNX model's main graph opened for folding: nodes can be rewired, changed or removed,
/// and float weights (initializers or Constant nodes with raw data) changed in place; <see cref="Write"/>
/// then gives the model's bytes with every other field as it was. Constant nodes and initializers
/// that no node reads any more are left out.</summary>
internal sealed class FoldableGraph
{
    // ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto (onnx.proto field numbers)
    private const int GraphField = 7;
    private const int NodeField = 1;
    private const int InitializerField = 5;
    private const int GraphInputField = 11;
    private const int GraphOutputField = 12;
    private const int NodeInputField = 1;
    private const int NodeOutputField = 2;
    private const int OpTypeField = 4;
    private const int NodeDomainField = 7;
    private const int AttributeField = 5;
    private const int AttributeNameField = 1;
    private const int AttributeFloatField = 2;
    private const int AttributeIntField = 3;
    private const int AttributeTensorField = 5;
    private const int AttributeIntsField = 8;
    private const int AttributeTypeField = 20;
    private const int AttributeFloatType = 1;

    private readonly byte[] _model;
    private readonly List<FoldableNode> _nodes = [];
    private readonly Dictionary<int, FoldableNode> _nodeAt = [];
    private readonly Dictionary<int, string> _initializerAt = [];
    private readonly HashSet<string> _graphInputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _graphOutputs = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _graphOutputAt = [];
    private readonly ProtoWireField _graph;

    private FoldableGraph(byte[] model, ProtoWireField graph)
    {
        _model = model;
        _graph = graph;
        Constants = new FloatConstants(model);
    }

    /// <summary>The float weights, from initializers and Constant nodes.</summary>
    public FloatConstants Constants { get; }

    public IReadOnlyList<FoldableNode> Nodes => _nodes;

    /// <returns>Null when the model has no graph, or more than one graph field.</returns>
    /// <exception cref="InvalidDataException">The bytes are not protobuf.</exception>
    public static FoldableGraph? Read(ReadOnlySpan<byte> model)
    {
        var graphs = new List<ProtoWireField>();
        var cursor = new ProtoWireCursor(model, 0, model.Length);
        while (cursor.Next(out var field))
        {
            if (field.Number == GraphField && field.WireType == ProtoWireField.LengthDelimitedType)
            {
                graphs.Add(field);
            }
        }

        if (graphs.Count != 1)
        {
            return null;
        }

        var graph = new FoldableGraph(model.ToArray(), graphs[0]);
        graph.ReadGraph();
        return graph;
    }

    /// <summary>The nodes that read <paramref name="value"/>, and whether the graph returns it.</summary>
    public (IReadOnlyList<FoldableNode> Nodes, bool IsGraphOutput) Readers(string value) =>
        ([.. _nodes.Where(node => !node.Removed && node.Inputs.Contains(value))], _graphOutputs.Contains(value));

    /// <summary>The only node that reads <paramref name="value"/> (not a graph output), or null.</summary>
    public FoldableNode? OnlyReader(string value) => Readers(value) is ([var node], false) ? node : null;

    /// <summary>The node that writes <paramref name="value"/>, or null (a graph input, a constant).</summary>
    public FoldableNode? Writer(string value) => _nodes.FirstOrDefault(node => !node.Removed && node.Outputs.Contains(value));

    public float? FloatAttribute(FoldableNode node, string name) =>
        FindInAttribute(node, name, AttributeFloatField) is { } field ? BinaryPrimitives.ReadSingleLittleEndian(_model.AsSpan(field.Start, 4)) : null;

    public long? IntAttribute(FoldableNode node, string name) =>
        FindInAttribute(node, name, AttributeIntField) is { } field ? (long)field.Varint : null;

    public IReadOnlyList<long> IntsAttribute(FoldableNode node, string name)
    {
        var values = new List<long>();
        if (node.Attributes.TryGetValue(name, out var attribute))
        {
            var cursor = new ProtoWireCursor(_model, attribute.Start, attribute.End);
            while (cursor.Next(out var field))
            {
                if (field.Number == AttributeIntsField)
                {
                    values.AddRange(field.WireType == ProtoWireField.VarintType
                        ? [(long)field.Varint]
                        : ProtoWireCursor.ReadPackedVarints(_model, field).Select(value => (long)value));
                }
            }
        }

        return values;
    }

    /// <summary>Stops returning <paramref name="value"/> (a rewrite that replaces the node writing it declares what it returns instead).</summary>
    public void RemoveGraphOutput(string value) => _graphOutputs.Remove(value);

    /// <summary>The model's bytes with the graph as it now is.</summary>
    public byte[] Write()
    {
        var read = _nodes.Where(node => !node.Removed).SelectMany(node => node.Inputs).Concat(_graphOutputs).ToHashSet(StringComparer.Ordinal);
        var graph = new ProtoWireWriter();
        var cursor = new ProtoWireCursor(_model, _graph.Start, _graph.End);
        while (cursor.Next(out var field))
        {
            if (_nodeAt.TryGetValue(field.Start, out var node))
            {
                var unread = node.OpType == "Constant" && !node.Outputs.Any(read.Contains);
                if (!node.Removed && !unread)
                {
                    graph.Message(NodeField, WriteNode(node));
                }
            }
            else if (_graphOutputAt.TryGetValue(field.Start, out var output) && !_graphOutputs.Contains(output))
            {
                continue;
            }
            else if (!_initializerAt.TryGetValue(field.Start, out var name) || read.Contains(name) || _graphInputs.Contains(name))
            {
                graph.Copy(_model, field);
            }
        }

        var model = new ProtoWireWriter();
        var top = new ProtoWireCursor(_model, 0, _model.Length);
        while (top.Next(out var field))
        {
            if (field.Number == GraphField && field.WireType == ProtoWireField.LengthDelimitedType)
            {
                model.Message(GraphField, graph);
            }
            else
            {
                model.Copy(_model, field);
            }
        }

        return model.Written.ToArray();
    }

    private ProtoWireWriter WriteNode(FoldableNode node)
    {
        var writer = new ProtoWireWriter();
        node.Inputs.ForEach(input => writer.String(NodeInputField, input));
        node.Outputs.ForEach(output => writer.String(NodeOutputField, output));
        writer.String(OpTypeField, node.OpType);
        foreach (var field in node.OtherFields.Where(field => (node.ReplacementAttributes is null || field.Number != AttributeField)
            && (node.ReplacementDomain is null || field.Number != NodeDomainField)))
        {
            writer.Copy(_model, field);
        }

        if (node.ReplacementDomain is { } domain)
        {
            writer.String(NodeDomainField, domain);
        }

        foreach (var (name, value) in node.ReplacementAttributes ?? [])
        {
            var attribute = new ProtoWireWriter();
            attribute.String(AttributeNameField, name);
            attribute.Float(AttributeFloatField, value);
            attribute.VarintField(AttributeTypeField, AttributeFloatType);
            writer.Message(AttributeField, attribute);
        }

        return writer;
    }

    private void ReadGraph()
    {
        var cursor = new ProtoWireCursor(_model, _graph.Start, _graph.End);
        while (cursor.Next(out var field))
        {
            if (field.WireType != ProtoWireField.LengthDelimitedType)
            {
                continue;
            }

            switch (field.Number)
            {
                case NodeField:
                    var node = ReadNode(field);
                    _nodes.Add(node);
                    _nodeAt[field.Start] = node;
                    break;
                case InitializerField:
                    _initializerAt[field.Start] = Constants.Record(field, name: null);
                    break;
                case GraphInputField:
                    _graphInputs.Add(Name(field));
                    break;
                case GraphOutputField:
                    _graphOutputs.Add(Name(field));
                    _graphOutputAt[field.Start] = Name(field);
                    break;
                default:
                    break;
            }
        }
    }

    private FoldableNode ReadNode(ProtoWireField message)
    {
        var (inputs, outputs, others) = (new List<string>(), new List<string>(), new List<ProtoWireField>());
        var attributes = new Dictionary<string, ProtoWireField>(StringComparer.Ordinal);
        var opType = string.Empty;
        var cursor = new ProtoWireCursor(_model, message.Start, message.End);
        while (cursor.Next(out var field))
        {
            switch (field.Number)
            {
                case NodeInputField when field.WireType == ProtoWireField.LengthDelimitedType:
                    inputs.Add(Text(field));
                    break;
                case NodeOutputField when field.WireType == ProtoWireField.LengthDelimitedType:
                    outputs.Add(Text(field));
                    break;
                case OpTypeField when field.WireType == ProtoWireField.LengthDelimitedType:
                    opType = Text(field);
                    break;
                default:
                    if (field.Number == AttributeField && field.WireType == ProtoWireField.LengthDelimitedType)
                    {
                        attributes[Name(field)] = field;
                    }

                    others.Add(field);
                    break;
            }
        }

        var node = new FoldableNode(opType, inputs, outputs, others, attributes);
        if (opType == "Constant" && outputs.Count == 1 && FindInAttribute(node, "value", AttributeTensorField) is { } tensor)
        {
            Constants.Record(tensor, outputs[0]);
        }

        return node;
    }

    private ProtoWireField? FindInAttribute(FoldableNode node, string name, int number)
    {
        if (!node.Attributes.TryGetValue(name, out var attribute))
        {
            return null;
        }

        ProtoWireField? found = null;
        var cursor = new ProtoWireCursor(_model, attribute.Start, attribute.End);
        while (cursor.Next(out var field))
        {
            if (field.Number == number)
            {
                found = field;
            }
        }

        return found;
    }

    /// <summary>Field 1 (the name) of a message that has one: a ValueInfoProto, an AttributeProto.</summary>
    private string Name(ProtoWireField message)
    {
        var cursor = new ProtoWireCursor(_model, message.Start, message.End);
        while (cursor.Next(out var field))
        {
            if (field.Number == 1 && field.WireType == ProtoWireField.LengthDelimitedType)
            {
                return Text(field);
            }
        }

        return string.Empty;
    }

    private string Text(ProtoWireField field) => Encoding.UTF8.GetString(_model, field.Start, field.Length);
}
