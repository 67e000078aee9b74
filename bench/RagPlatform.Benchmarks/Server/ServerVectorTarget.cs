using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Benchmarks.Vectors;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Benchmarks.Server;

/// <summary>A vector engine of the platform as a host registers it (<see cref="AdapterHost"/>),
/// searched through its <see cref="IVectorIndex"/> port as the API searches it: every item in
/// <see cref="CollectionName.Default"/>, every search filtered to that collection. Rows are grouped
/// into documents of <see cref="ItemsPerDocument"/> items; engines that read a document's
/// collection from the metadata get the document rows before the vectors (untimed).</summary>
/// <param name="start">Starts the engine's servers and host.</param>
/// <param name="settle">Untimed work after the load that a server in steady state has done
/// (ANALYZE, a finished index build); null for none.</param>
/// <param name="maxItems">At most this many vectors for an engine too slow to load the full set in
/// a benchmark run (PGlite); null for no limit.</param>
internal sealed class ServerVectorTarget(
    string name, string engine, bool needsDocuments, Func<CancellationToken, Task<AdapterHost>> start,
    Func<AdapterHost, CancellationToken, Task>? settle = null, int? maxItems = null) : IVectorSearchTarget
{
    public const int ItemsPerDocument = 64;

    /// <summary>Vectors per upsert call: about what one ingestion turn of 20 pages writes.</summary>
    public const int UpsertBatchSize = 1000;

    private static readonly SearchFilter Filter = SearchFilter.In(CollectionName.Default);

    private readonly Dictionary<Guid, int> _rows = [];
    private AdapterHost? _host;
    private IVectorIndex? _index;
    private Guid[] _items = [];
    private Guid[] _documents = [];

    public string Name => name;

    /// <summary>What is measured, in words (engine, server, caveats).</summary>
    public string Engine => engine;

    /// <summary>The vectors this target is loaded with when the suite asks for <paramref name="items"/>.</summary>
    public int Size(int items) => Math.Min(items, maxItems ?? int.MaxValue);

    /// <summary>Starts the engine and, where it needs them, adds the document rows: untimed.</summary>
    public async Task StartAsync(int count, ulong seed, CancellationToken cancellationToken)
    {
        var random = new Random(unchecked((int)seed));
        _items = [.. Enumerable.Range(0, count).Select(_ => NewId(random))];
        _documents = [.. Enumerable.Range(0, (count + ItemsPerDocument - 1) / ItemsPerDocument).Select(_ => NewId(random))];
        for (var row = 0; row < count; row++)
        {
            _rows[_items[row]] = row;
        }

        _host = await start(cancellationToken).ConfigureAwait(false);
        _index = _host.Services.GetRequiredService<IVectorIndex>();
        if (needsDocuments)
        {
            await _host.AddDocumentsAsync(_documents.Select((id, n) => (id, $"vectors-{n:D5}.pdf")), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Upserts every row in batches of <see cref="UpsertBatchSize"/> (timed as the load).</summary>
    public async Task LoadAsync(VectorSet vectors, CancellationToken cancellationToken)
    {
        var index = _index ?? throw new InvalidOperationException("StartAsync first.");
        for (var first = 0; first < vectors.Count; first += UpsertBatchSize)
        {
            var records = new VectorRecord[Math.Min(UpsertBatchSize, vectors.Count - first)];
            for (var i = 0; i < records.Length; i++)
            {
                var row = first + i;
                records[i] = new VectorRecord(_items[row], _documents[row / ItemsPerDocument], (Modality)(row % 3), vectors.Row(row))
                {
                    Collection = CollectionName.Default,
                };
            }

            await index.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task SettleAsync(CancellationToken cancellationToken) =>
        settle is null || _host is null ? Task.CompletedTask : settle(_host, cancellationToken);

    public async ValueTask<VectorMatch[]> SearchAsync(ReadOnlyMemory<float> query, int limit, CancellationToken cancellationToken)
    {
        var index = _index ?? throw new InvalidOperationException("StartAsync first.");
        var hits = await index.SearchAsync(query, limit, Filter, cancellationToken).ConfigureAwait(false);
        var matches = new VectorMatch[hits.Count];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = new VectorMatch(_rows.TryGetValue(hits[i].ItemId, out var row)
                ? row
                : throw new InvalidOperationException($"{name} returned an item it was never given: {hits[i].ItemId}."), hits[i].Score);
        }

        return matches;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
