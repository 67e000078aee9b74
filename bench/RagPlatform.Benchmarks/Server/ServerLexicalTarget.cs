using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Benchmarks.Server;

/// <summary>A lexical engine of the platform as a host registers it (<see cref="AdapterHost"/>),
/// loaded with a generated corpus and searched through its <see cref="ILexicalIndex"/> port as the
/// API's search service calls it: chunks (<see cref="ILexicalIndex.SearchAsync"/>) and whole pages
/// (<see cref="ILexicalIndex.SearchPagesAsync"/>), filtered to <see cref="CollectionName.Default"/>.</summary>
/// <param name="settle">Untimed work after the load that a server in steady state has done (ANALYZE); null for none.</param>
internal sealed class ServerLexicalTarget(
    string name, string engine, Func<CancellationToken, Task<AdapterHost>> start, Func<AdapterHost, CancellationToken, Task>? settle = null)
    : IAsyncDisposable
{
    private static readonly SearchFilter Filter = SearchFilter.In(CollectionName.Default);

    private AdapterHost? _host;
    private ILexicalIndex? _index;

    public string Name => name;

    /// <summary>What is measured, in words (engine, server, caveats).</summary>
    public string Engine => engine;

    /// <summary>Starts the engine and adds the corpus's document rows (the collection filter reads
    /// them): untimed.</summary>
    public async Task StartAsync(LexicalCorpus corpus, CancellationToken cancellationToken)
    {
        _host = await start(cancellationToken).ConfigureAwait(false);
        _index = _host.Services.GetRequiredService<ILexicalIndex>();
        await _host.AddDocumentsAsync(corpus.Documents.Select(document => (document.Id, document.FileName)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Indexes the corpus one document (its chunks and pages) per call: timed as the load.</summary>
    public async Task LoadAsync(LexicalCorpus corpus, CancellationToken cancellationToken)
    {
        var index = _index ?? throw new InvalidOperationException("StartAsync first.");
        foreach (var document in corpus.Documents)
        {
            await index.IndexAsync(document.Entries, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task SettleAsync(CancellationToken cancellationToken) =>
        settle is null || _host is null ? Task.CompletedTask : settle(_host, cancellationToken);

    /// <summary>Hits found, of chunks or of whole pages.</summary>
    public async Task<int> SearchAsync(string query, int limit, bool pages, CancellationToken cancellationToken)
    {
        var index = _index ?? throw new InvalidOperationException("StartAsync first.");
        return pages
            ? (await index.SearchPagesAsync(query, limit, Filter, cancellationToken).ConfigureAwait(false)).Count
            : (await index.SearchAsync(query, limit, Filter, cancellationToken).ConfigureAwait(false)).Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }
    }
}
