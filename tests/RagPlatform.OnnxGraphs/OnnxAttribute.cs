using Google.Protobuf;

namespace RagPlatform.OnnxGraphs;

/// <summary>AttributeProto of a node: one float, one int or a list of ints (all the generated
/// graphs need).</summary>
public sealed class OnnxAttribute : IOnnxMessage
{
    // Field numbers of AttributeProto in onnx.proto.
    private const int NameField = 1;
    private const int FloatField = 2;
    private const int IntField = 3;
    private const int IntsField = 8;
    private const int TypeField = 20;

    // AttributeProto.AttributeType values.
    private const int FloatType = 1;
    private const int IntType = 2;
    private const int IntsType = 7;

    private readonly int _type;
    private readonly float _float;
    private readonly long[] _ints;

    private OnnxAttribute(string name, int type, float floatValue, long[] ints)
    {
        Name = name;
        _type = type;
        _float = floatValue;
        _ints = ints;
    }

    public string Name { get; }

    public static OnnxAttribute Float(string name, float value) => new(name, FloatType, value, []);

    public static OnnxAttribute Int(string name, long value) => new(name, IntType, 0, [value]);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, IntsType, 0, values);

    public int CalculateSize()
    {
        var size = ProtoField.StringSize(NameField, Name) + ProtoField.Int64Size(TypeField, _type);
        switch (_type)
        {
            case FloatType:
                size += ProtoField.FloatSize(FloatField);
                break;
            case IntType:
                size += ProtoField.Int64Size(IntField, _ints[0]);
                break;
            default:
                foreach (var value in _ints)
                {
                    size += ProtoField.Int64Size(IntsField, value);
                }

                break;
        }

        return size;
    }

    public void WriteTo(CodedOutputStream output)
    {
        ProtoField.WriteString(output, NameField, Name);
        switch (_type)
        {
            case FloatType:
                ProtoField.WriteFloat(output, FloatField, _float);
                break;
            case IntType:
                ProtoField.WriteInt64(output, IntField, _ints[0]);
                break;
            default:
                foreach (var value in _ints)
                {
                    ProtoField.WriteInt64(output, IntsField, value);
                }

                break;
        }

        ProtoField.WriteInt64(output, TypeField, _type);
    }
}
