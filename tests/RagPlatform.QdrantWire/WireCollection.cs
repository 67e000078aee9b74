using Qdrant.Client.Grpc;

namespace RagPlatform.QdrantWire;

/// <summary>One collection: a single unnamed dense vector per point, searched by brute force.
/// Cosine collections store vectors the way Qdrant does (normalised on the way in unless the
/// squared length is already within 1e-6 of 1, so unit vectors come back bit for bit), and score
/// by the f32 dot product. Not thread-safe: <see cref="WireStore"/> serialises access.</summary>
internal sealed class WireCollection
{
    /// <summary>Rust's f32::EPSILON, which Qdrant's cosine preprocessing compares against.</summary>
    private const float MachineEpsilon = 1.1920929e-7f;

    private readonly SortedDictionary<WirePointKey, WirePoint> _points = [];

    public WireCollection(string name, VectorParams vectors)
    {
        if (vectors.Distance is not (Distance.Cosine or Distance.Dot))
        {
            throw WireFailures.Unsupported($"the {vectors.Distance} distance");
        }

        if (vectors.Size == 0)
        {
            throw WireFailures.BadInput("Vector size must be greater than 0");
        }

        Name = name;
        Vectors = vectors.Clone();
    }

    public string Name { get; }

    public VectorParams Vectors { get; }

    /// <summary>Accepted and reported back; filtering works the same with or without them.</summary>
    public Dictionary<string, FieldType> PayloadIndexes { get; } = [];

    public int Dimensions => (int)Vectors.Size;

    /// <summary>The points the filter allows, in id order.</summary>
    public IEnumerable<WirePoint> Points(Filter? filter) => _points.Values.Where(point => WireFilter.Matches(filter, point));

    public WirePoint? Find(PointId id) => _points.GetValueOrDefault(WirePointKey.From(id));

    /// <summary>Inserts or replaces (vector and whole payload), like Qdrant's upsert.</summary>
    public void Upsert(PointStruct point)
    {
        var key = WirePointKey.From(point.Id);
        _points[key] = new WirePoint(key, Preprocess(DenseOf(point.Vectors)), point.Payload.Clone());
    }

    public void Delete(PointsSelector selector)
    {
        var doomed = selector.PointsSelectorOneOfCase switch
        {
            PointsSelector.PointsSelectorOneOfOneofCase.Points => selector.Points.Ids.Select(WirePointKey.From).ToList(),
            PointsSelector.PointsSelectorOneOfOneofCase.Filter => Points(selector.Filter).Select(point => point.Key).ToList(),
            _ => throw WireFailures.BadInput("Points selector is empty"),
        };
        foreach (var key in doomed)
        {
            _points.Remove(key);
        }
    }

    /// <summary>Every allowed point with its score against <paramref name="query"/>, best first
    /// (ties by id).</summary>
    public IEnumerable<(WirePoint Point, float Score)> Nearest(IReadOnlyList<float> query, Filter? filter)
    {
        RequireLength(query.Count);
        var prepared = Preprocess([.. query]);
        return Points(filter)
            .Select(point => (Point: point, Score: Dot(prepared, point.Vector)))
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Point.Key);
    }

    public CollectionInfo Info()
    {
        var info = new CollectionInfo
        {
            Status = CollectionStatus.Green,
            OptimizerStatus = new OptimizerStatus { Ok = true },
            SegmentsCount = 1,
            PointsCount = (ulong)_points.Count,
            IndexedVectorsCount = 0,
            Config = new CollectionConfig
            {
                Params = new CollectionParams { ShardNumber = 1, ReplicationFactor = 1, WriteConsistencyFactor = 1, VectorsConfig = new VectorsConfig { Params = Vectors.Clone() } },
                HnswConfig = new HnswConfigDiff(),
                OptimizerConfig = new OptimizersConfigDiff(),
                WalConfig = new WalConfigDiff(),
            },
        };
        foreach (var (field, type) in PayloadIndexes)
        {
            info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = Enum.Parse<PayloadSchemaType>(type.ToString()), Points = (ulong)_points.Count };
        }

        return info;
    }

    private float[] DenseOf(Vectors? vectors)
    {
        if (vectors?.VectorsOptionsCase != Qdrant.Client.Grpc.Vectors.VectorsOptionsOneofCase.Vector)
        {
            throw WireFailures.BadInput($"Collection `{Name}` has one unnamed vector per point; named vectors are not accepted");
        }

        var vector = vectors.Vector;
#pragma warning disable CS0612 // Data is the deprecated spelling that older clients still send.
        float[] values = vector.VectorCase == Vector.VectorOneofCase.Dense ? [.. vector.Dense.Data] : [.. vector.Data];
#pragma warning restore CS0612
        RequireLength(values.Length);
        return values;
    }

    private void RequireLength(int length)
    {
        if (length != Dimensions)
        {
            throw WireFailures.BadInput($"Vector dimension error: expected dim: {Dimensions}, got {length}");
        }
    }

    private float[] Preprocess(float[] vector)
    {
        if (Vectors.Distance != Distance.Cosine)
        {
            return vector;
        }

        var squared = 0f;
        foreach (var x in vector)
        {
            squared += x * x;
        }

        if (squared < MachineEpsilon || MathF.Abs(squared - 1f) <= 1e-6f)
        {
            return vector;
        }

        var length = MathF.Sqrt(squared);
        return [.. vector.Select(x => x / length)];
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
