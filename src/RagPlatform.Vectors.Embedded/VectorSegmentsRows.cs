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
    /// there are fewer), copied out; of one collection's documents only, unless
    /// <paramref name="collection"/> is null.</summary>
    public static IReadOnlyList<VectorRecord> Sample(VectorSegments vectors, int count, string? collection = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var inCollection = collection is null ? null : PositionsIn(vectors, collection);
        var total = inCollection?.Count ?? vectors.Count;
        var take = Math.Min(count, total);
        var sample = new List<VectorRecord>(take);
        for (var i = 0; i < take; i++)
        {
            var spaced = (int)((long)i * total / take);
            var position = inCollection is null ? spaced : inCollection[spaced];
            var (segment, offset) = vectors.RowAt(position);
            var vector = new float[vectors.Dimensions];
            vectors.ReadVector(position, vector);
            sample.Add(new VectorRecord(vectors.ItemAt(position), vectors.Documents.DocumentAt(segment.DocumentSlots[offset]), (Modality)segment.Modalities[offset], vector));
        }

        return sample;
    }

    /// <summary>The positions of the rows of a collection's documents, in order: one pass over the
    /// 4-byte slot of each row, done only when a calibration is refreshed.</summary>
    private static List<int> PositionsIn(VectorSegments vectors, string collection)
    {
        var positions = new List<int>();
        if (vectors.Documents.MaskOfCollection(collection) is not { } mask)
        {
            return positions;
        }

        for (var position = 0; position < vectors.Count; position++)
        {
            var (segment, offset) = vectors.RowAt(position);
            if (mask[segment.DocumentSlots[offset]])
            {
                positions.Add(position);
            }
        }

        return positions;
    }
}
