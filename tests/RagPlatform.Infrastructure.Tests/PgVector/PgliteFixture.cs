using RagPlatform.TestServers.Pglite;

namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>The pgvector suite's server: PGlite (<see cref="PgliteServer"/>), one per test class.</summary>
public sealed class PgliteFixture : PgVectorServerFixture
{
    private PgliteServer? _server;

    protected override async Task StartAsync()
    {
        _server = await PgliteServer.StartAsync();
        ConnectionString = _server.ConnectionString;
    }

    protected override async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
