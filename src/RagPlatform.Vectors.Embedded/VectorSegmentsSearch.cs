using System.Numerics.Tensors;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.Embedded;

/// <summary>The search over <see cref="VectorSegments"/>: masks from the filter, the scan of the
/// segments (<see cref="SegmentScan"/>), the exact re-scoring of a quantized scan's candidates and
/// the hits. Not thread-safe beyond what the segments are: callers hold the mirror's read lock.</summary>
internal static class VectorSegmentsSearch
{
    /// <summary>The <paramref name="limit"/> highest dot products with <paramref name="query"/> among
    /// the rows the filter allows, best first, with exact fp32 scores. A quantized search scans the
    /// int8 codes for the <see cref="CandidateCount"/> best approximate scores and re-scores only
    /// those with the fp32 vectors; an exact one scans the fp32 vectors (segments without them in
    /// memory always scan quantized, and re-score from the log; segments without codes always scan
    /// exactly). Segments are scanned by up
    /// to <paramref name="maxDegreeOfParallelism"/> threads; each keeps its own heap and the heaps
    /// are merged.</summary>
    public static IReadOnlyList<VectorHit> Run(
        VectorSegments vectors, ReadOnlyMemory<float> query, int limit, SearchFilter filter, int maxDegreeOfParallelism, bool quantized, CancellationToken cancellationToken)
    {
        var count = vectors.Count;
        var dimensions = vectors.Dimensions;
        if (count == 0 || limit == 0)
        {
            return [];
        }

        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the index holds {dimensions}-dimensional vectors.", nameof(query));
        }

        if (!vectors.Documents.TryMask(filter, out var documentMask))
        {
            return []; // none of the requested documents, or of the collection, has vectors
        }

        var k = Math.Min(limit, count);
        // Where the candidates would be every row, the codes save nothing: scan exactly, if the
        // vectors are in memory to scan.
        var candidates = CandidateCount(k);
        var useCodes = vectors.KeepsCodes && (!vectors.KeepsVectors || (quantized && candidates < count));
        var scan = new SegmentScan(query, useCodes, filter.Modalities.Count == 0 ? null : SegmentScan.ModalityMask(filter.Modalities), documentMask);
        var best = scan.RunAll(vectors.Segments, vectors.SegmentCapacity, count, dimensions, scan.Quantized ? candidates : k, maxDegreeOfParallelism, cancellationToken);
        var ranked = scan.Quantized ? Rescore(vectors, scan, best.ToSortedArray(), k) : best.ToSortedArray();
        var hits = new VectorHit[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            var (segment, offset) = vectors.RowAt(ranked[i].Position);
            hits[i] = new VectorHit(
                vectors.ItemAt(ranked[i].Position),
                vectors.Documents.DocumentAt(segment.DocumentSlots[offset]),
                (Modality)segment.Modalities[offset],
                ranked[i].Score);
        }

        return hits;
    }

    /// <summary>How many approximate best rows a quantized scan keeps for exact re-scoring. int8
    /// codes move a 512-d unit vector's score by about 1e-3 at most, far less than the score gap
    /// between the k-th and the (10k)-th row of any real collection, so 10 × k (at least 100) keeps
    /// every true top-k row while re-scoring costs microseconds.</summary>
    public static int CandidateCount(int k) => Math.Max(10 * k, 100);

    private static (float Score, int Position)[] Rescore(VectorSegments vectors, SegmentScan scan, (float Score, int Position)[] candidates, int k)
    {
        var best = new TopKHeap(k);
        var vector = vectors.Dimensions <= 4096 ? stackalloc float[vectors.Dimensions] : new float[vectors.Dimensions];
        foreach (var (_, position) in candidates)
        {
            vectors.ReadVector(position, vector);
            best.Offer(TensorPrimitives.Dot(scan.Query.Span, vector), position);
        }

        return best.ToSortedArray();
    }
}
