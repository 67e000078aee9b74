using System.Runtime.InteropServices;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Nodes, initializers and graph outputs to add to a model's main graph, written as
/// protobuf fields (onnx.proto field numbers) and appended to the graph's message: protobuf merges
/// repeated fields wherever they appear, and ONNX Runtime sorts the nodes itself, so the original
/// bytes need not be parsed again (nor the added nodes kept in order).</summary>
internal sealed class GraphAdditions
{
    /// <summary>The domain of ONNX Runtime's QuantizeLinear and DequantizeLinear (version 1): unlike
    /// the standard ones of opset 9-12 they take an axis, for per-channel weight scales.</summary>
    public const string MicrosoftDomain = "com.microsoft";

    public const int FloatType = 1;
    public const int UInt8Type = 2;
    public const int Int8Type = 3;
    public const int Int32Type = 6;
    public const int Int64Type = 7;

    // ModelProto
    private const int GraphField = 7;
    private const int OpsetImportField = 8;

    // GraphProto
    private const int NodeField = 1;
    private const int InitializerField = 5;
    private const int OutputField = 12;

    private readonly ProtoWireWriter _graph = new();

    /// <summary>The added nodes by their (first) output, written at <see cref="AppendTo"/> so that one can still be dropped (<see cref="RemoveNode"/>).</summary>
    private readonly Dictionary<string, ProtoWireWriter> _nodes = new(StringComparer.Ordinal);

    public int Nodes => _nodes.Count;

    /// <summary>Drops the added node that writes <paramref name="output"/> (one a later rewrite left without readers).</summary>
    public bool RemoveNode(string output) => _nodes.Remove(output);

    /// <summary>Adds a node with one output, in <paramref name="domain"/>, with an optional int attribute.</summary>
    /// <param name="name">The node's name; <c>{output}_node</c> when not given.</param>
    public void Node(string opType, IReadOnlyList<string> inputs, string output, string domain, (string Name, long Value)? attribute = null, string? name = null) =>
        Node(opType, inputs, output, name ?? output + "_node", domain, attribute is { } pair ? [(pair.Name, [pair.Value], true)] : []);

    /// <summary>Adds a standard-domain node with one output and int-list attributes (a list of one value
    /// named <c>group</c> is written as an int, as ONNX defines it).</summary>
    public void Node(string opType, IReadOnlyList<string> inputs, string output, string name, IReadOnlyList<(string Name, IReadOnlyList<long> Values)> attributes) =>
        Node(opType, inputs, output, name, domain: null, [.. attributes.Select(attribute => (attribute.Name, attribute.Values, attribute.Name == "group"))]);

    /// <param name="domain">Written when not null (the standard domain is the empty string or none).</param>
    /// <param name="attributes">Each written as an INT (<c>Single</c>, one value) or INTS.</param>
    private void Node(string opType, IReadOnlyList<string> inputs, string output, string name, string? domain,
        IReadOnlyList<(string Name, IReadOnlyList<long> Values, bool Single)> attributes)
    {
        var node = new ProtoWireWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output);
        node.String(3, name);
        node.String(4, opType);
        foreach (var (attributeName, values, single) in attributes)
        {
            var proto = new ProtoWireWriter();
            proto.String(1, attributeName);
            foreach (var value in values)
            {
                proto.VarintField(single ? 3 : 8, unchecked((ulong)value));
            }

            proto.VarintField(20, single ? 2UL : 7UL); // AttributeProto.INT, INTS
            node.Message(5, proto);
        }

        if (domain is not null)
        {
            node.String(7, domain);
        }

        _nodes.Add(output, node);
    }

    public void Initializer<T>(string name, ReadOnlySpan<long> dims, int dataType, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var tensor = new ProtoWireWriter();
        foreach (var dim in dims)
        {
            tensor.VarintField(1, unchecked((ulong)dim));
        }

        tensor.VarintField(2, (ulong)dataType);
        tensor.String(8, name);
        tensor.Bytes(9, MemoryMarshal.AsBytes(values)); // raw_data is little-endian, as .NET's platforms are
        _graph.Message(InitializerField, tensor);
    }

    /// <summary>Declares <paramref name="name"/> a float graph output (so a run can fetch it).</summary>
    public void FloatOutput(string name) => Output(name, FloatType);

    /// <summary>Declares <paramref name="name"/> a graph output of tensors of <paramref name="elementType"/> (e.g. <see cref="Int32Type"/>).</summary>
    public void Output(string name, int elementType)
    {
        var elementTypeField = new ProtoWireWriter();
        elementTypeField.VarintField(1, (ulong)elementType);
        var type = new ProtoWireWriter();
        type.Message(1, elementTypeField);
        var info = new ProtoWireWriter();
        info.String(1, name);
        info.Message(2, type);
        _graph.Message(OutputField, info);
    }

    /// <summary>The model with these fields added to its graph and, when given, an import of
    /// <paramref name="domain"/> at version 1 (if the model does not import it yet).</summary>
    /// <param name="minimumOpset">The standard domain's version is raised to this when lower.</param>
    public byte[] AppendTo(ReadOnlySpan<byte> model, string? domain, int minimumOpset = 0)
    {
        var written = new ProtoWireWriter();
        var imported = false;
        var cursor = new ProtoWireCursor(model, 0, model.Length);
        while (cursor.Next(out var field))
        {
            if (field.Number == GraphField && field.WireType == ProtoWireField.LengthDelimitedType)
            {
                var nodes = new ProtoWireWriter();
                foreach (var node in _nodes.Values)
                {
                    nodes.Message(NodeField, node);
                }

                written.Bytes(GraphField, [.. model.Slice(field.Start, field.Length), .. _graph.Written, .. nodes.Written]);
                continue;
            }

            if (field.Number == OpsetImportField && field.WireType == ProtoWireField.LengthDelimitedType)
            {
                var (importedDomain, version) = Opset(model, field);
                imported |= importedDomain == domain;
                if (importedDomain.Length == 0 && version < minimumOpset)
                {
                    written.Message(OpsetImportField, OpsetImport(importedDomain, minimumOpset));
                    continue;
                }
            }

            written.Copy(model, field);
        }

        if (domain is not null && !imported)
        {
            written.Message(OpsetImportField, OpsetImport(domain, 1));
        }

        return written.Written.ToArray();
    }

    /// <summary>The version of the standard domain the model imports (0 when it imports none).</summary>
    public static long StandardOpset(ReadOnlySpan<byte> model)
    {
        var cursor = new ProtoWireCursor(model, 0, model.Length);
        while (cursor.Next(out var field))
        {
            if (field.Number == OpsetImportField && field.WireType == ProtoWireField.LengthDelimitedType && Opset(model, field) is ("", var version))
            {
                return version;
            }
        }

        return 0;
    }

    private static ProtoWireWriter OpsetImport(string domain, long version)
    {
        var opset = new ProtoWireWriter();
        opset.String(1, domain);
        opset.VarintField(2, (ulong)version);
        return opset;
    }

    private static (string Domain, long Version) Opset(ReadOnlySpan<byte> model, ProtoWireField opset)
    {
        var cursor = new ProtoWireCursor(model, opset.Start, opset.End);
        var (domain, version) = (string.Empty, 0L);
        while (cursor.Next(out var field))
        {
            if (field.Number == 1 && field.WireType == ProtoWireField.LengthDelimitedType)
            {
                domain = System.Text.Encoding.UTF8.GetString(model.Slice(field.Start, field.Length));
            }
            else if (field.Number == 2 && field.WireType == ProtoWireField.VarintType)
            {
                version = (long)field.Varint;
            }
        }

        return (domain, version);
    }
}
