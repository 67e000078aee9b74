namespace RagPlatform.Vectors.Embedded;

/// <summary>One block of rows of <see cref="VectorSegments"/>, column by column: the small metadata
/// the filters test, each row's record offset in the log (where a quantized index re-reads the fp32
/// vector), and either or both of: the int8 codes with one scale per row (<c>keepCodes</c>, the
/// quantized scan's input) and the fp32 vectors (<c>keepVectors</c>, the exact scan's input).</summary>
internal sealed class VectorSegment(int capacity, int dimensions, bool keepVectors = true, bool keepCodes = true, bool keepItemIds = true)
{
    public int Capacity { get; private set; } = capacity;

    /// <summary>Row-major fp32 vectors; empty when the segment does not keep them.</summary>
    public float[] Vectors { get; private set; } = keepVectors ? GC.AllocateUninitializedArray<float>(capacity * dimensions) : [];

    /// <summary>Row-major int8 codes, contiguous so a scan streams through them; empty when the
    /// segment does not keep them.</summary>
    public sbyte[] Codes { get; private set; } = keepCodes ? GC.AllocateUninitializedArray<sbyte>(capacity * dimensions) : [];

    /// <summary>Per row: vector ≈ codes × scale (<see cref="Int8Quantizer"/>); empty without codes.</summary>
    public float[] Scales { get; private set; } = keepCodes ? Column<float>(capacity) : [];

    /// <summary>Per row: the item id; empty when the ids are read back from the log instead
    /// (<see cref="VectorSegments"/>, 16 MiB less per million rows).</summary>
    public Guid[] ItemIds { get; private set; } = keepItemIds ? new Guid[capacity] : [];

    public int[] DocumentSlots { get; private set; } = Column<int>(capacity);

    public byte[] Modalities { get; private set; } = Column<byte>(capacity);

    // Per row: its upsert record's offset in the current log generation, plus one (0: no record,
    // as in tests that fill segments directly): the low 32 bits, and the high bits in a column
    // allocated only once a row lies 4 GiB or more into the log (≈ 2M rows of 512-d), so a smaller
    // log costs 4 B a row instead of 8.
    private uint[] _logOffsetLow = Column<uint>(capacity);
    private byte[]? _logOffsetHigh;

    public bool KeepsVectors { get; } = keepVectors;

    public bool KeepsCodes { get; } = keepCodes;

    public bool KeepsItemIds { get; } = keepItemIds;

    /// <summary>Where row <paramref name="offset"/>'s upsert record starts in the current log
    /// generation; -1 when the row did not come from a log.</summary>
    public long LogOffset(int offset) =>
        ((long)(_logOffsetHigh is null ? 0 : _logOffsetHigh[offset]) << 32 | _logOffsetLow[offset]) - 1;

    public void SetLogOffset(int offset, long logOffset)
    {
        var stored = logOffset + 1;
        if (stored < 0 || stored >= 1L << 40)
        {
            throw new ArgumentOutOfRangeException(nameof(logOffset), logOffset, "A log record offset lies within 1 TiB.");
        }

        var high = (byte)(stored >> 32);
        if (high != 0)
        {
            _logOffsetHigh ??= new byte[Capacity];
        }

        _logOffsetLow[offset] = (uint)stored;
        if (_logOffsetHigh is not null)
        {
            _logOffsetHigh[offset] = high;
        }
    }

    public Span<float> Vector(int offset, int dimensions) => Vectors.AsSpan(offset * dimensions, dimensions);

    public Span<sbyte> CodesOf(int offset, int dimensions) => Codes.AsSpan(offset * dimensions, dimensions);

    /// <summary>Stores a vector and its codes, each when kept, at <paramref name="offset"/>.</summary>
    public void WriteVector(int offset, ReadOnlySpan<float> vector)
    {
        if (KeepsVectors)
        {
            vector.CopyTo(Vector(offset, vector.Length));
        }

        if (KeepsCodes)
        {
            Scales[offset] = Int8Quantizer.Quantize(vector, CodesOf(offset, vector.Length));
        }
    }

    /// <summary>Copies row <paramref name="fromOffset"/> of <paramref name="source"/> over row
    /// <paramref name="offset"/> of this segment (the swap-remove of a delete).</summary>
    public void CopyRowFrom(VectorSegment source, int fromOffset, int offset, int dimensions)
    {
        if (KeepsVectors)
        {
            source.Vector(fromOffset, dimensions).CopyTo(Vector(offset, dimensions));
        }

        if (KeepsCodes)
        {
            source.CodesOf(fromOffset, dimensions).CopyTo(CodesOf(offset, dimensions));
            Scales[offset] = source.Scales[fromOffset];
        }

        if (KeepsItemIds)
        {
            ItemIds[offset] = source.ItemIds[fromOffset];
        }

        DocumentSlots[offset] = source.DocumentSlots[fromOffset];
        Modalities[offset] = source.Modalities[fromOffset];
        SetLogOffset(offset, source.LogOffset(fromOffset));
    }

    /// <summary>A copy with arrays of its own, for a change while a snapshot still reads this one
    /// (<see cref="SegmentChain.LocateForChange"/>).</summary>
    public VectorSegment Copy()
    {
        var copy = (VectorSegment)MemberwiseClone();
        copy.Vectors = Copied(Vectors);
        copy.Codes = Copied(Codes);
        copy.Scales = Resized(Scales, Scales.Length);
        copy.ItemIds = Resized(ItemIds, ItemIds.Length);
        copy.DocumentSlots = Resized(DocumentSlots, Capacity);
        copy.Modalities = Resized(Modalities, Capacity);
        copy._logOffsetLow = Resized(_logOffsetLow, Capacity);
        copy._logOffsetHigh = _logOffsetHigh is null ? null : Resized(_logOffsetHigh, Capacity);
        return copy;
    }

    public void Grow(int newCapacity, int dimensions)
    {
        if (KeepsVectors)
        {
            var vectors = GC.AllocateUninitializedArray<float>(newCapacity * dimensions);
            Vectors.AsSpan(0, Capacity * dimensions).CopyTo(vectors);
            Vectors = vectors;
        }

        if (KeepsCodes)
        {
            var codes = GC.AllocateUninitializedArray<sbyte>(newCapacity * dimensions);
            Codes.AsSpan(0, Capacity * dimensions).CopyTo(codes);
            Codes = codes;
            Scales = Resized(Scales, newCapacity);
        }

        if (KeepsItemIds)
        {
            ItemIds = Resized(ItemIds, newCapacity);
        }

        DocumentSlots = Resized(DocumentSlots, newCapacity);
        Modalities = Resized(Modalities, newCapacity);
        _logOffsetLow = Resized(_logOffsetLow, newCapacity);
        if (_logOffsetHigh is not null)
        {
            _logOffsetHigh = Resized(_logOffsetHigh, newCapacity);
        }

        Capacity = newCapacity;
    }

    /// <summary>A per-row column, allocated straight into the pinned object heap: columns live as long
    /// as their segment, so passing them through the young generations (a load allocates a thousand
    /// of them) left those generations' pages resident after the load: at 1M × 512, resident Δ 542 → 532 MiB.</summary>
    private static T[] Column<T>(int length) => GC.AllocateArray<T>(length, pinned: true);

    private static T[] Copied<T>(T[] array)
    {
        var copy = GC.AllocateUninitializedArray<T>(array.Length);
        array.AsSpan().CopyTo(copy);
        return copy;
    }

    private static T[] Resized<T>(T[] array, int length)
    {
        var resized = Column<T>(length);
        array.AsSpan(0, Math.Min(array.Length, length)).CopyTo(resized);
        return resized;
    }
}
