using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagPlatform.QdrantWire;

/// <summary>
/// A Qdrant server for tests, in process: Kestrel on 127.0.0.1 (a port the system chooses) speaking
/// gRPC over HTTP/2 (cleartext "h2c", or TLS with a given certificate), serving the
/// <c>qdrant.Collections</c> and <c>qdrant.Points</c> methods the vector adapter calls, with the
/// Qdrant.Client package's own generated messages, so the real <c>QdrantClient</c> runs unchanged.
/// Semantics follow Qdrant's documentation: cosine collections normalise vectors on the way in and
/// score by dot product; filters (must / should / must_not / min_should with match keyword, any-of,
/// integer and boolean, has_id, nested filters) apply inside queries, counts and deletes; scroll
/// pages run in id order; aliases resolve everywhere a collection name is accepted and alias
/// changes are atomic; payload indexes are accepted and reported; the api-key header is checked.
/// Simplified: search is brute force (no HNSW, so always exact), one shard, one unnamed dense
/// vector per collection (cosine or dot), no persistence (state lives as long as the server),
/// writes are applied before answering whatever <c>wait</c> says, and every other method, query
/// kind or condition answers Unimplemented instead of pretending.
/// </summary>
public sealed class QdrantWireServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WireJournal _journal;

    private QdrantWireServer(WebApplication app, WireJournal journal, Uri address)
    {
        _app = app;
        _journal = journal;
        Address = address;
    }

    /// <summary>The gRPC address to give the client, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; }

    /// <summary>Every call so far, refused ones included, in arrival order.</summary>
    public IReadOnlyList<WireCall> Calls => _journal.Snapshot();

    /// <param name="apiKey">When set, calls without this <c>api-key</c> header are refused.</param>
    /// <param name="certificate">When set, the server speaks TLS with it (https).</param>
    public static async Task<QdrantWireServer> StartAsync(string? apiKey = null, X509Certificate2? certificate = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Cleartext HTTP/2 needs an HTTP/2-only endpoint (no ALPN to negotiate it).
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2);
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });

        var journal = new WireJournal();
        builder.Services.AddSingleton(journal);
        builder.Services.AddSingleton(new WireAccess(apiKey));
        builder.Services.AddSingleton<WireStore>();
        builder.Services.AddSingleton<CollectionsWire>();
        builder.Services.AddSingleton<PointsWire>();
        builder.Services.AddSingleton<IServiceMethodProvider<CollectionsWire>, WireMethodProvider<CollectionsWire>>();
        builder.Services.AddSingleton<IServiceMethodProvider<PointsWire>, WireMethodProvider<PointsWire>>();
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<WireGate>());

        var app = builder.Build();
        app.Urls.Add(certificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0");
        app.MapGrpcService<CollectionsWire>();
        app.MapGrpcService<PointsWire>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new QdrantWireServer(app, journal, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
