using Microsoft.Extensions.Hosting;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Loads the OCR models when the host starts, so that missing models are logged once, at
/// start-up, and the first image does not pay for loading the sessions.</summary>
internal sealed class OcrStartupCheck(ITextRecognizer recognizer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Reading the flag loads the models (or records why it cannot) and logs the outcome.
        _ = recognizer.IsAvailable;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
