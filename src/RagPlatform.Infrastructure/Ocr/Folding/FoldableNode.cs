using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Ocr.Folding;

/// <summary>A node of a <see cref="FoldableGraph"/>: its inputs, outputs and operator can be changed
/// or the node removed; its other fields (name, attributes, domain) are written back as they were,
/// unless <see cref="ReplacementAttributes"/> replaces the attributes or <see cref="ReplacementDomain"/> the domain.</summary>
internal sealed class FoldableNode(string opType, List<string> inputs, List<string> outputs, List<ProtoWireField> otherFields,
    IReadOnlyDictionary<string, ProtoWireField> attributes)
{
    public string OpType { get; set; } = opType;

    public List<string> Inputs { get; } = inputs;

    public List<string> Outputs { get; } = outputs;

    /// <summary>Fields other than inputs, outputs and operator, as found in the model's bytes.</summary>
    public IReadOnlyList<ProtoWireField> OtherFields { get; } = otherFields;

    /// <summary>Each attribute's AttributeProto, by name, as found in the model's bytes.</summary>
    public IReadOnlyDictionary<string, ProtoWireField> Attributes { get; } = attributes;

    /// <summary>Float attributes written instead of the node's own, when set.</summary>
    public IReadOnlyList<(string Name, float Value)>? ReplacementAttributes { get; set; }

    /// <summary>The operator's domain written instead of the node's own, when set.</summary>
    public string? ReplacementDomain { get; set; }

    public bool Removed { get; set; }

    /// <summary>The value this node takes besides <paramref name="value"/>, when it takes two inputs.</summary>
    public string? OtherInput(string value) =>
        Inputs.Count == 2 && Inputs.Contains(value) ? (Inputs[0] == value ? Inputs[1] : Inputs[0]) : null;
}
