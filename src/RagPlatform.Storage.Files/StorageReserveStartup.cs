using Microsoft.Extensions.Hosting;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Files;

/// <summary>Puts the space reserve back at start (a delete on a full disk may have spent it).</summary>
internal sealed class StorageReserveStartup(IStorageReserve reserve) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => reserve.RestoreAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
