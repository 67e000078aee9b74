using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;

namespace RagPlatform.Benchmarks.Server;

/// <summary>Storage adapters as a host registers them, and nothing else: an empty host whose service
/// collection gets only the adapter's own <c>Add…</c> registration, configured from in-memory
/// settings. Starting it validates the options and runs the adapter's start-up work (migrations,
/// warm-up), so the ports it serves are the ones a platform host would use. Disposing it stops the
/// host, then releases what the adapter's servers need (<c>cleanUp</c>: a database, a folder, a process).</summary>
internal sealed class AdapterHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Func<ValueTask> _cleanUp;

    private AdapterHost(IHost host, Func<ValueTask> cleanUp)
    {
        _host = host;
        _cleanUp = cleanUp;
    }

    public IServiceProvider Services => _host.Services;

    public static async Task<AdapterHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> register, Func<ValueTask> cleanUp, CancellationToken cancellationToken)
    {
        IHost? host = null;
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            register(builder.Services);
            host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return new AdapterHost(host, cleanUp);
        }
        catch
        {
            host?.Dispose();
            await cleanUp().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Document rows for engines that read a document's collection from the metadata
    /// (the embedded vectors, the lexical indexes' collection filter): ready documents in
    /// <see cref="CollectionName.Default"/>.</summary>
    public async Task AddDocumentsAsync(IEnumerable<(Guid Id, string FileName)> documents, CancellationToken cancellationToken)
    {
        var store = Services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, fileName) in documents)
        {
            var document = new Document(id, fileName, "application/pdf", DocumentKind.Pdf, 1, id.ToString("N") + id.ToString("N"),
                DocumentStatus.Ready, null, 1, 1, 0, now, now, CollectionName.Default);
            await store.AddAsync(document, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
            await _cleanUp().ConfigureAwait(false);
        }
    }
}
