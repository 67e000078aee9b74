using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>The extractor process's side of its documents, one at a time: opens each with the
/// in-process extractors (the platform's own settings, sent with the request), answers its page
/// requests, and on close releases it and says whether the process is quiet enough to take another.</summary>
internal sealed class ExtractionSession(ExtractionTimings timings) : IDisposable
{
    private static readonly TimeSpan QuietCheckInterval = TimeSpan.FromMilliseconds(20);
    private const int QuietChecks = 250;

    private ServiceProvider? services;
    private IExtractedDocument? document;
    private ImageScreen? screen;

    public async Task<ExtractorResponse> AnswerAsync(ExtractorRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request switch
            {
                ExtractorRequest.Open open => await OpenAsync(open, cancellationToken).ConfigureAwait(false),
                ExtractorRequest.Page page => await ReadPageAsync(page.Number, cancellationToken).ConfigureAwait(false),
                ExtractorRequest.Close => await CloseAsync(cancellationToken).ConfigureAwait(false),
                _ => new ExtractorResponse.Failed($"unknown request {request.GetType().Name}"),
            };
        }
        catch (DocumentRejectedException ex)
        {
            return new ExtractorResponse.Rejected(ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return new ExtractorResponse.Failed(ex.Message);
        }
    }

    private async Task<ExtractorResponse> OpenAsync(ExtractorRequest.Open open, CancellationToken cancellationToken)
    {
        if (document is not null)
        {
            return new ExtractorResponse.Failed("a document was opened before the previous one was closed");
        }

        // What a refused open left behind.
        Release();

        var decoder = new SkiaImageDecoder(open.ScreenMaxPixels);
        services = new ServiceCollection()
            .AddLogging(ConfigureLogging)
            .AddSingleton(Options.Create(open.Settings))
            .AddSingleton(decoder)
            .AddSingleton(new ImageDocumentExtractor(decoder, decodeFullSize: true))
            .AddExtractorsByKind()
            .BuildServiceProvider();
        screen = new ImageScreen(decoder);
        document = await services.GetRequiredService<ExtractorByKind>().OpenAsync(open.Path, open.Kind, cancellationToken).ConfigureAwait(false);
        return new ExtractorResponse.Opened(document.PageCount, document.Title);
    }

    private async Task<ExtractorResponse> ReadPageAsync(int number, CancellationToken cancellationToken)
    {
        if (document is null || screen is null)
        {
            return new ExtractorResponse.Failed("a page was asked for before the document was opened");
        }

        var page = await document.ExtractPageAsync(number, cancellationToken).ConfigureAwait(false);
        screen.Screen(page);
        return new ExtractorResponse.PageRead(page, timings.Take());
    }

    private async Task<ExtractorResponse.Closed> CloseAsync(CancellationToken cancellationToken)
    {
        Release();
        return new ExtractorResponse.Closed(await IsQuietAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>True once nothing of the closed document still runs: no parse or render abandoned
    /// after its time limit (<see cref="AbandonableWork"/>) is still going on in the background.
    /// Abandoned work that ends within a moment still lets the process go on; work still running
    /// after it means a fresh process.</summary>
    private static async Task<bool> IsQuietAsync(CancellationToken cancellationToken)
    {
        for (var check = 0; check < QuietChecks; check++)
        {
            if (AbandonableWork.Running == 0)
            {
                return true;
            }

            await Task.Delay(QuietCheckInterval, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private void Release()
    {
        document?.Dispose();
        services?.Dispose();
        (document, services, screen) = (null, null, null);
    }

    /// <summary>Warnings and errors, one line each, to standard error, where the platform reads them
    /// into its own log; standard output carries the protocol alone.</summary>
    private static void ConfigureLogging(ILoggingBuilder logging) => logging
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

    public void Dispose() => Release();
}
