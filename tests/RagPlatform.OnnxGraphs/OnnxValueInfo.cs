using Google.Protobuf;

namespace RagPlatform.OnnxGraphs;

/// <summary>ValueInfoProto of a graph input or output, with its nested TypeProto.Tensor and
/// TensorShapeProto written inline (they are only ever used here).</summary>
public sealed class OnnxValueInfo(string name, OnnxElementType elementType, IReadOnlyList<OnnxDimension> shape) : IOnnxMessage
{
    // ValueInfoProto: name = 1, type = 2. TypeProto: tensor_type = 1. TypeProto.Tensor:
    // elem_type = 1, shape = 2. TensorShapeProto: dim = 1. Dimension: dim_value = 1, dim_param = 2.
    private const int NameField = 1;
    private const int TypeField = 2;
    private const int TensorTypeField = 1;
    private const int ElemTypeField = 1;
    private const int ShapeField = 2;
    private const int DimField = 1;
    private const int DimValueField = 1;
    private const int DimParamField = 2;

    public string Name { get; } = name;

    public OnnxElementType ElementType { get; } = elementType;

    public IReadOnlyList<OnnxDimension> Shape { get; } = shape;

    public int CalculateSize() =>
        ProtoField.StringSize(NameField, Name) + ProtoField.BytesSize(TypeField, TypeSize());

    public void WriteTo(CodedOutputStream output)
    {
        ProtoField.WriteString(output, NameField, Name);

        output.WriteTag(TypeField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(TypeSize());
        output.WriteTag(TensorTypeField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(TensorTypeSize());
        ProtoField.WriteInt64(output, ElemTypeField, (long)ElementType);
        output.WriteTag(ShapeField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(ShapeSize());
        foreach (var dimension in Shape)
        {
            output.WriteTag(DimField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(DimensionSize(dimension));
            if (dimension.Symbol is { } symbol)
            {
                ProtoField.WriteString(output, DimParamField, symbol);
            }
            else
            {
                ProtoField.WriteInt64(output, DimValueField, dimension.Value);
            }
        }
    }

    private int TypeSize() => ProtoField.BytesSize(TensorTypeField, TensorTypeSize());

    private int TensorTypeSize() =>
        ProtoField.Int64Size(ElemTypeField, (long)ElementType) + ProtoField.BytesSize(ShapeField, ShapeSize());

    private int ShapeSize() => Shape.Sum(dimension => ProtoField.BytesSize(DimField, DimensionSize(dimension)));

    private static int DimensionSize(OnnxDimension dimension) => dimension.Symbol is { } symbol
        ? ProtoField.StringSize(DimParamField, symbol)
        : ProtoField.Int64Size(DimValueField, dimension.Value);
}
