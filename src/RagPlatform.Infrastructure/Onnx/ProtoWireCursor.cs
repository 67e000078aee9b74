namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Steps through the fields of one protobuf message in a byte range, without decoding them:
/// absolute offsets are kept, so a caller can patch a value in place.</summary>
internal ref struct ProtoWireCursor
{
    private const int Fixed64Type = 1;
    private const int Fixed32Type = 5;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _end;
    private int _position;

    public ProtoWireCursor(ReadOnlySpan<byte> data, int start, int end)
    {
        _data = data;
        _position = start;
        _end = end;
    }

    /// <exception cref="InvalidDataException">The bytes are not protobuf (a value runs past the
    /// message, or a deprecated group appears: ONNX never writes groups).</exception>
    public bool Next(out ProtoWireField field)
    {
        field = default;
        if (_position >= _end)
        {
            return false;
        }

        var tag = ReadVarint();
        var number = checked((int)(tag >> 3));
        var wireType = (int)(tag & 7);
        if (number == 0)
        {
            throw Invalid("a field numbered 0");
        }

        switch (wireType)
        {
            case ProtoWireField.VarintType:
                var start = _position;
                var value = ReadVarint();
                field = new ProtoWireField(number, wireType, value, start, _position - start);
                return true;
            case ProtoWireField.LengthDelimitedType:
                var length = ReadVarint();
                if (length > (ulong)(_end - _position))
                {
                    throw Invalid($"field {number} of {length} bytes past the end of its message");
                }

                field = new ProtoWireField(number, wireType, 0, _position, (int)length);
                _position += (int)length;
                return true;
            case Fixed64Type or Fixed32Type:
                var size = wireType == Fixed64Type ? 8 : 4;
                if (size > _end - _position)
                {
                    throw Invalid($"field {number} past the end of its message");
                }

                field = new ProtoWireField(number, wireType, 0, _position, size);
                _position += size;
                return true;
            default:
                throw Invalid($"field {number} of wire type {wireType}");
        }
    }

    /// <summary>Reads a packed run of varints (a repeated scalar written packed).</summary>
    public static List<ulong> ReadPackedVarints(ReadOnlySpan<byte> data, ProtoWireField field)
    {
        var values = new List<ulong>();
        var cursor = new ProtoWireCursor(data, field.Start, field.End);
        while (cursor._position < cursor._end)
        {
            values.Add(cursor.ReadVarint());
        }

        return values;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _end)
            {
                throw Invalid("a varint cut off");
            }

            var next = _data[_position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw Invalid("a varint longer than 10 bytes");
    }

    private static InvalidDataException Invalid(string what) => new($"Not an ONNX model: the protobuf has {what}.");
}
