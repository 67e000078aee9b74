using Microsoft.Extensions.Hosting;
using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>Loads the encoders when the host starts, so that a missing model is logged once, at
/// start-up, and the first query does not pay for loading the sessions.</summary>
internal sealed class ClipStartupCheck(IDenseEncoders encoders) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Reading the flag loads the model (or records why it cannot) and logs the outcome.
        _ = encoders.IsAvailable;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
