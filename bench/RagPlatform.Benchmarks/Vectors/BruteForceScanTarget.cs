using System.Numerics.Tensors;

namespace RagPlatform.Benchmarks.Vectors;

/// <summary>The baseline: an exact scan of the contiguous array, one SIMD dot product
/// (TensorPrimitives.Dot) per stored vector into a bounded top-k heap. With
/// <c>parallel</c> the rows are split into one range per logical core and the heaps merged.
/// It keeps a reference to the data set instead of copying it, so its own memory is ~0.</summary>
internal sealed class BruteForceScanTarget(bool parallel) : IVectorSearchTarget
{
    private VectorSet? _vectors;

    public string Name => parallel ? "scan-parallel" : "scan";

    public Task LoadAsync(VectorSet vectors, CancellationToken cancellationToken)
    {
        _vectors = vectors;
        return Task.CompletedTask;
    }

    public ValueTask<VectorMatch[]> SearchAsync(ReadOnlyMemory<float> query, int limit, CancellationToken cancellationToken)
    {
        var vectors = _vectors ?? throw new InvalidOperationException("LoadAsync first.");
        if (query.Length != vectors.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the vectors have {vectors.Dimensions}.", nameof(query));
        }

        if (!parallel || vectors.Count < 16_384)
        {
            return ValueTask.FromResult(Scan(vectors, query.Span, 0, vectors.Count, limit).ToSortedMatches());
        }

        var partitions = Environment.ProcessorCount;
        var heaps = new TopKHeap[partitions];
        Parallel.For(0, partitions, new ParallelOptions { CancellationToken = cancellationToken }, partition =>
        {
            var start = (int)((long)vectors.Count * partition / partitions);
            var end = (int)((long)vectors.Count * (partition + 1) / partitions);
            heaps[partition] = Scan(vectors, query.Span, start, end, limit);
        });

        var merged = new TopKHeap(limit);
        foreach (var match in heaps.SelectMany(heap => heap.ToSortedMatches()))
        {
            merged.Offer(match.Score, match.Row);
        }

        return ValueTask.FromResult(merged.ToSortedMatches());
    }

    public ValueTask DisposeAsync()
    {
        _vectors = null;
        return ValueTask.CompletedTask;
    }

    private static TopKHeap Scan(VectorSet vectors, ReadOnlySpan<float> query, int start, int end, int limit)
    {
        var heap = new TopKHeap(limit);
        var data = vectors.Data.AsSpan();
        var dimensions = vectors.Dimensions;
        var threshold = heap.Threshold;
        for (var row = start; row < end; row++)
        {
            var score = TensorPrimitives.Dot(query, data.Slice(row * dimensions, dimensions));
            if (score > threshold)
            {
                heap.Offer(score, row);
                threshold = heap.Threshold;
            }
        }

        return heap;
    }
}
