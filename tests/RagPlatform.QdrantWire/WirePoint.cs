using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace RagPlatform.QdrantWire;

/// <summary>A stored point: its id, its one dense vector (already preprocessed for the distance)
/// and a private copy of its payload.</summary>
internal sealed record WirePoint(WirePointKey Key, float[] Vector, MapField<string, Value> Payload)
{
    public RetrievedPoint Retrieved(WithPayloadSelector? payload, WithVectorsSelector? vectors, bool payloadByDefault)
    {
        var point = new RetrievedPoint { Id = Key.ToPointId() };
        point.Payload.Add(SelectPayload(payload, payloadByDefault).ToDictionary());
        if (vectors is { Enable: true } or { Include: not null })
        {
            point.Vectors = Output();
        }

        return point;
    }

    public ScoredPoint Scored(float score, WithPayloadSelector? payload, WithVectorsSelector? vectors)
    {
        var point = new ScoredPoint { Id = Key.ToPointId(), Score = score, Version = 0 };
        point.Payload.Add(SelectPayload(payload, byDefault: false).ToDictionary());
        if (vectors is { Enable: true } or { Include: not null })
        {
            point.Vectors = Output();
        }

        return point;
    }

    private VectorsOutput Output() => new() { Vector = new VectorOutput { Dense = new DenseVector { Data = { Vector } } } };

    private IEnumerable<KeyValuePair<string, Value>> SelectPayload(WithPayloadSelector? selector, bool byDefault)
    {
        var selected = selector?.SelectorOptionsCase switch
        {
            WithPayloadSelector.SelectorOptionsOneofCase.Enable => selector.Enable ? Payload : [],
            WithPayloadSelector.SelectorOptionsOneofCase.Include => Payload.Where(p => selector.Include.Fields.Contains(p.Key)),
            WithPayloadSelector.SelectorOptionsOneofCase.Exclude => Payload.Where(p => !selector.Exclude.Fields.Contains(p.Key)),
            _ => byDefault ? Payload : [],
        };
        return selected.Select(p => KeyValuePair.Create(p.Key, p.Value.Clone()));
    }
}
