using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using PointVectors = Qdrant.Client.Grpc.Vectors;

namespace RagPlatform.Vectors.Qdrant;

/// <summary>How a <see cref="VectorRecord"/> is laid out as a Qdrant point: the item id as the
/// point's UUID, the vector as its one unnamed dense vector, and three payload fields, each with a
/// payload index so filters run inside the search.</summary>
internal static class QdrantPayload
{
    public const string DocumentId = "document_id";
    public const string Modality = "modality";
    public const string Collection = "collection";

    /// <summary>The indexed fields and their index types. Document ids are UUIDs (a uuid index
    /// matches them like keywords in less memory); modality holds the enum name.</summary>
    public static IReadOnlyList<(string Field, PayloadSchemaType Type)> Indexes { get; } =
    [
        (DocumentId, PayloadSchemaType.Uuid),
        (Modality, PayloadSchemaType.Keyword),
        (Collection, PayloadSchemaType.Keyword),
    ];

    /// <summary>What a hit needs back; the vector and the collection stay on the server.</summary>
    public static WithPayloadSelector HitFields { get; } = new() { Include = new PayloadIncludeSelector { Fields = { DocumentId, Modality } } };

    public static PointStruct Point(VectorRecord record)
    {
        var point = new PointStruct
        {
            Id = record.ItemId,
            Vectors = new PointVectors { Vector = new Vector { Dense = new DenseVector { Data = { record.Vector.ToArray() } } } },
        };
        point.Payload[DocumentId] = new Value { StringValue = Text(record.DocumentId) };
        point.Payload[Modality] = new Value { StringValue = record.Modality.ToString() };
        if (record.Collection is not null)
        {
            point.Payload[Collection] = new Value { StringValue = record.Collection };
        }

        return point;
    }

    /// <summary>The search filter as Qdrant conditions, all of which must hold; null when it
    /// restricts nothing.</summary>
    public static Filter? FilterOf(SearchFilter filter)
    {
        var conditions = new Filter();
        if (filter.Modalities.Count > 0)
        {
            conditions.Must.Add(AnyOf(Modality, filter.Modalities.Select(m => m.ToString())));
        }

        if (filter.DocumentIds.Count > 0)
        {
            conditions.Must.Add(AnyOf(DocumentId, filter.DocumentIds.Select(Text)));
        }

        if (filter.Collection is not null)
        {
            conditions.Must.Add(new Condition { Field = new FieldCondition { Key = Collection, Match = new Match { Keyword = filter.Collection } } });
        }

        return conditions.Must.Count == 0 ? null : conditions;
    }

    public static Filter OfDocument(Guid documentId) =>
        new() { Must = { new Condition { Field = new FieldCondition { Key = DocumentId, Match = new Match { Keyword = Text(documentId) } } } } };

    public static VectorHit Hit(ScoredPoint point) =>
        new(ItemId(point.Id), DocumentOf(point.Id, point.Payload), ModalityOf(point.Id, point.Payload), point.Score);

    public static VectorRecord Record(RetrievedPoint point)
    {
        var vector = point.Vectors?.Vector?.GetDenseVector()
            ?? throw new InvalidDataException($"Qdrant point {point.Id} has no dense vector; it was not written by this index.");
        return new VectorRecord(ItemId(point.Id), DocumentOf(point.Id, point.Payload), ModalityOf(point.Id, point.Payload), vector.Data.ToArray())
        {
            Collection = point.Payload.TryGetValue(Collection, out var collection) && collection.HasStringValue ? collection.StringValue : null,
        };
    }

    public static Guid ItemId(PointId id) =>
        id.HasUuid && Guid.TryParse(id.Uuid, out var itemId)
            ? itemId
            : throw new InvalidDataException($"Qdrant point {id} has no UUID id; it was not written by this index.");

    private static Guid DocumentOf(PointId id, MapField<string, Value> payload) =>
        payload.TryGetValue(DocumentId, out var value) && Guid.TryParse(value.StringValue, out var documentId)
            ? documentId
            : throw new InvalidDataException($"Qdrant point {id} has no '{DocumentId}' UUID in its payload; it was not written by this index.");

    private static Modality ModalityOf(PointId id, MapField<string, Value> payload) =>
        payload.TryGetValue(Modality, out var value) && Enum.TryParse<Modality>(value.StringValue, out var modality) && Enum.IsDefined(modality)
            ? modality
            : throw new InvalidDataException($"Qdrant point {id} has no known '{Modality}' in its payload; it was not written by this index.");

    private static Condition AnyOf(string field, IEnumerable<string> values)
    {
        var any = new RepeatedStrings();
        // Sorted so the same filter is the same request (readable logs, comparable traces).
        any.Strings.AddRange(values.Order(StringComparer.Ordinal));
        return new Condition { Field = new FieldCondition { Key = field, Match = new Match { Keywords = any } } };
    }

    private static string Text(Guid id) => id.ToString("D");
}
