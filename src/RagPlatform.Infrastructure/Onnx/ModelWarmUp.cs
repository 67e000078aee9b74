using Microsoft.Extensions.Hosting;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Loads a lazily loaded model (CLIP, OCR, the re-ranker) when the host starts, so that a
/// missing or broken model is logged once, at start-up, and the first request does not pay for
/// loading its sessions.</summary>
internal sealed class ModelWarmUp<TModel>(TModel model, Func<TModel, bool> load) : IHostedService
    where TModel : notnull
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Reading the model's availability loads it (or records why it cannot) and logs the outcome.
        _ = load(model);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
