namespace RagPlatform.Vectors.Embedded;

/// <summary>One block of rows of <see cref="VectorSegments"/>, column by column: the fp32 vectors
/// (re-scoring and the exact scan), their int8 codes with one scale per row (the quantized scan
/// reads only these, a quarter of the bytes), and the small metadata the filters test.</summary>
internal sealed class VectorSegment(int capacity, int dimensions)
{
    public int Capacity { get; private set; } = capacity;

    public float[] Vectors { get; private set; } = GC.AllocateUninitializedArray<float>(capacity * dimensions);

    /// <summary>Row-major int8 codes, contiguous so a scan streams through them.</summary>
    public sbyte[] Codes { get; private set; } = GC.AllocateUninitializedArray<sbyte>(capacity * dimensions);

    /// <summary>Per row: vector ≈ codes × scale (<see cref="Int8Quantizer"/>).</summary>
    public float[] Scales { get; private set; } = new float[capacity];

    public Guid[] ItemIds { get; private set; } = new Guid[capacity];

    public int[] DocumentSlots { get; private set; } = new int[capacity];

    public byte[] Modalities { get; private set; } = new byte[capacity];

    public Span<float> Vector(int offset, int dimensions) => Vectors.AsSpan(offset * dimensions, dimensions);

    public Span<sbyte> CodesOf(int offset, int dimensions) => Codes.AsSpan(offset * dimensions, dimensions);

    /// <summary>Stores a vector and its codes at <paramref name="offset"/>.</summary>
    public void WriteVector(int offset, ReadOnlySpan<float> vector)
    {
        vector.CopyTo(Vector(offset, vector.Length));
        Scales[offset] = Int8Quantizer.Quantize(vector, CodesOf(offset, vector.Length));
    }

    /// <summary>Copies row <paramref name="fromOffset"/> of <paramref name="source"/> over row
    /// <paramref name="offset"/> of this segment (the swap-remove of a delete).</summary>
    public void CopyRowFrom(VectorSegment source, int fromOffset, int offset, int dimensions)
    {
        source.Vector(fromOffset, dimensions).CopyTo(Vector(offset, dimensions));
        source.CodesOf(fromOffset, dimensions).CopyTo(CodesOf(offset, dimensions));
        Scales[offset] = source.Scales[fromOffset];
        ItemIds[offset] = source.ItemIds[fromOffset];
        DocumentSlots[offset] = source.DocumentSlots[fromOffset];
        Modalities[offset] = source.Modalities[fromOffset];
    }

    public void Grow(int newCapacity, int dimensions)
    {
        var vectors = GC.AllocateUninitializedArray<float>(newCapacity * dimensions);
        Vectors.AsSpan(0, Capacity * dimensions).CopyTo(vectors);
        Vectors = vectors;
        var codes = GC.AllocateUninitializedArray<sbyte>(newCapacity * dimensions);
        Codes.AsSpan(0, Capacity * dimensions).CopyTo(codes);
        Codes = codes;
        Scales = Resized(Scales, newCapacity);
        ItemIds = Resized(ItemIds, newCapacity);
        DocumentSlots = Resized(DocumentSlots, newCapacity);
        Modalities = Resized(Modalities, newCapacity);
        Capacity = newCapacity;
    }

    private static T[] Resized<T>(T[] array, int length)
    {
        Array.Resize(ref array, length);
        return array;
    }
}
