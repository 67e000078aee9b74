using System.Buffers.Binary;
using System.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Benchmarks.Vectors;

/// <summary>Adapts any <see cref="IVectorIndex"/> of the platform to the suite: rows become
/// records with ids that encode the row number, upserted in batches; hits are mapped back to rows.
/// Load time therefore includes everything the index does on upsert (copies, persistence, graph
/// building). The index is created fresh for every data-set size by <c>createIndex</c> and
/// disposed afterwards if it is disposable. With <c>reopenIndex</c> the filled index is disposed
/// and a new instance opened over its data (loaded before it returns), which is the one searched.</summary>
internal sealed class VectorIndexSearchTarget(
    string name, Func<CancellationToken, Task<IVectorIndex>> createIndex, Func<CancellationToken, Task<IVectorIndex>>? reopenIndex = null, int upsertBatchSize = 8192)
    : IVectorSearchTarget
{
    // Second and third Guid fields mark ids made here ("RB", "VX"), so a foreign id is caught.
    private const short MarkerB = 0x5242;
    private const short MarkerC = 0x5658;

    /// <summary>Items are grouped into documents of this many items, like the chunks of a file.</summary>
    private const int ItemsPerDocument = 64;

    private IVectorIndex? _index;

    public string Name => name;

    public double? InsertSeconds { get; private set; }

    public double? ReloadSeconds { get; private set; }

    public async Task LoadAsync(VectorSet vectors, CancellationToken cancellationToken)
    {
        _index = await createIndex(cancellationToken).ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        await InsertAsync(_index, vectors, cancellationToken).ConfigureAwait(false);
        InsertSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (reopenIndex is not null)
        {
            await DisposeAsync().ConfigureAwait(false);
            GC.Collect(); // the filled instance's memory must not count against the reopened one
            start = Stopwatch.GetTimestamp();
            _index = await reopenIndex(cancellationToken).ConfigureAwait(false);
            ReloadSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
    }

    private async Task InsertAsync(IVectorIndex index, VectorSet vectors, CancellationToken cancellationToken)
    {
        for (var start = 0; start < vectors.Count; start += upsertBatchSize)
        {
            var records = new VectorRecord[Math.Min(upsertBatchSize, vectors.Count - start)];
            for (var i = 0; i < records.Length; i++)
            {
                var row = start + i;
                records[i] = new VectorRecord(Id(row), Id(-1 - (row / ItemsPerDocument)), (Modality)(row % 3), vectors.Row(row));
            }

            await index.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<VectorMatch[]> SearchAsync(ReadOnlyMemory<float> query, int limit, CancellationToken cancellationToken)
    {
        var index = _index ?? throw new InvalidOperationException("LoadAsync first.");
        var hits = await index.SearchAsync(query, limit, SearchFilter.None, cancellationToken).ConfigureAwait(false);
        var matches = new VectorMatch[hits.Count];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = new VectorMatch(Row(hits[i].ItemId), hits[i].Score);
        }

        return matches;
    }

    public async ValueTask DisposeAsync()
    {
        switch (_index)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        _index = null;
    }

    /// <summary>Item ids are non-negative numbers, document ids negative ones, in the first field; the
    /// last eight bytes are a mix of the number, so that ids look as random as the platform's
    /// (SHA-256 of document, page and position) to a hash table: sequential ids would measure an
    /// id map on a distribution the platform never gives it.</summary>
    private static Guid Id(int number)
    {
        var mixed = Mix((ulong)(uint)number);
        return new(number, MarkerB, MarkerC, (byte)mixed, (byte)(mixed >> 8), (byte)(mixed >> 16), (byte)(mixed >> 24), (byte)(mixed >> 32), (byte)(mixed >> 40), (byte)(mixed >> 48), (byte)(mixed >> 56));
    }

    /// <summary>SplitMix64's finaliser: a bijection that spreads consecutive numbers over all bits.</summary>
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    private static int Row(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        if (BinaryPrimitives.ReadInt16LittleEndian(bytes[4..]) != MarkerB || BinaryPrimitives.ReadInt16LittleEndian(bytes[6..]) != MarkerC)
        {
            throw new InvalidOperationException($"The index returned an id it was never given: {id}.");
        }

        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }
}
