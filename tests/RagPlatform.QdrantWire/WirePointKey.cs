using System.Globalization;
using Qdrant.Client.Grpc;

namespace RagPlatform.QdrantWire;

/// <summary>A point id with Qdrant's order: numeric ids first by value, then UUIDs by their 128-bit
/// value (the order of their lowercase hex text). Scroll pages follow this order.</summary>
internal readonly record struct WirePointKey(ulong? Number, Guid? Uuid) : IComparable<WirePointKey>
{
    public static WirePointKey From(PointId id) => id.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => new WirePointKey(id.Num, null),
        PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out var uuid) => new WirePointKey(null, uuid),
        _ => throw WireFailures.BadInput($"Unable to parse point id '{id}'"),
    };

    public PointId ToPointId() => Number is { } number ? new PointId { Num = number } : new PointId { Uuid = Text };

    public int CompareTo(WirePointKey other) => (Number, other.Number) switch
    {
        ({ } a, { } b) => a.CompareTo(b),
        (not null, null) => -1,
        (null, not null) => 1,
        _ => string.CompareOrdinal(Text, other.Text),
    };

    private string Text => Uuid?.ToString("D", CultureInfo.InvariantCulture) ?? "";
}
