using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Rows copied out of <see cref="VectorSegments"/>: all of them in position order (writing a
/// compacted generation) or an even sample. Vectors come from memory or, for a quantized index,
/// from its log (<see cref="VectorSegments.ReadVector"/>). Callers hold the mirror's read lock.</summary>
internal static class VectorSegmentsRows
{
    /// <summary>Every row, in position order; the vector of each is read with
    /// <see cref="VectorSegments.ReadVector"/>.</summary>
    public static IEnumerable<(Guid ItemId, Guid DocumentId, Modality Modality, int Position)> All(VectorSegments vectors)
    {
        for (var position = 0; position < vectors.Count; position++)
        {
            var (segment, offset) = vectors.RowAt(position);
            yield return (vectors.ItemAt(position), vectors.Documents.DocumentAt(segment.DocumentSlots[offset]), (Modality)segment.Modalities[offset], position);
        }
    }

    /// <summary>At most <paramref name="count"/> rows at evenly spaced positions (every row when
    /// there are fewer), copied out.</summary>
    public static IReadOnlyList<VectorRecord> Sample(VectorSegments vectors, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var take = Math.Min(count, vectors.Count);
        var sample = new List<VectorRecord>(take);
        for (var i = 0; i < take; i++)
        {
            var position = (int)((long)i * vectors.Count / take);
            var (segment, offset) = vectors.RowAt(position);
            var vector = new float[vectors.Dimensions];
            vectors.ReadVector(position, vector);
            sample.Add(new VectorRecord(vectors.ItemAt(position), vectors.Documents.DocumentAt(segment.DocumentSlots[offset]), (Modality)segment.Modalities[offset], vector));
        }

        return sample;
    }
}
