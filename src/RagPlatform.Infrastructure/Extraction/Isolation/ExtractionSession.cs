using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>The extractor process's side of one document: opens it with the in-process extractors
/// (the platform's own settings, sent with the request) and answers page requests. One document per
/// process: a second open is refused.</summary>
internal sealed class ExtractionSession : IDisposable
{
    private ServiceProvider? services;
    private IExtractedDocument? document;
    private ImageScreen? screen;
    private bool renderIsUpload;

    public async Task<ExtractorResponse> AnswerAsync(ExtractorRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request switch
            {
                ExtractorRequest.Open open => await OpenAsync(open, cancellationToken).ConfigureAwait(false),
                ExtractorRequest.Page page => await ReadPageAsync(page.Number, cancellationToken).ConfigureAwait(false),
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
        if (services is not null)
        {
            return new ExtractorResponse.Failed("an extractor process opens one document only");
        }

        var decoder = new SkiaImageDecoder(open.ScreenMaxPixels);
        services = new ServiceCollection()
            .AddLogging(ConfigureLogging)
            .AddSingleton(Options.Create(open.Settings))
            .AddSingleton(decoder)
            .AddExtractorsByKind()
            .BuildServiceProvider();
        screen = new ImageScreen(decoder);
        renderIsUpload = open.Kind == DocumentKind.Image;
        document = await services.GetRequiredService<ExtractorByKind>().OpenAsync(open.Path, open.Kind, cancellationToken).ConfigureAwait(false);
        return new ExtractorResponse.Opened(document.PageCount);
    }

    private async Task<ExtractorResponse> ReadPageAsync(int number, CancellationToken cancellationToken)
    {
        if (document is null || screen is null)
        {
            return new ExtractorResponse.Failed("a page was asked for before the document was opened");
        }

        var page = await document.ExtractPageAsync(number, cancellationToken).ConfigureAwait(false);
        screen.Screen(page, renderIsUpload);
        return new ExtractorResponse.PageRead(page);
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

    public void Dispose()
    {
        document?.Dispose();
        services?.Dispose();
    }
}
