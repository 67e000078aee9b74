using Microsoft.Extensions.Hosting;

namespace RagPlatform.Storage.Postgres;

/// <summary>Migrates the schema before the host starts serving: a database it cannot reach or
/// migrate stops start-up with the reason.</summary>
internal sealed class PostgresMigrationService(PostgresMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
