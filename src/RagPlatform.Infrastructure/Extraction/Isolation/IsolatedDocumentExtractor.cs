using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>The <see cref="IDocumentExtractor"/> of <see cref="ExtractionIsolation.Process"/>: each
/// document is opened and read in an extractor process (the in-process extractors, run there), so no
/// file can crash, exhaust or hang the platform. A process serves one document at a time, and goes
/// on to the next only after a clean close (<see cref="ExtractorPool"/>).</summary>
internal sealed class IsolatedDocumentExtractor(
    IOptions<ExtractionOptions> options,
    SkiaImageDecoder decoder,
    ILogger<IsolatedDocumentExtractor> logger) : IDocumentExtractor, IDisposable
{
    private const string WhileOpening = "while opening the file";

    private readonly ExtractorPool pool = new(logger);

    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(originalPath);
        var settings = options.Value;
        var process = await pool.RentAsync(settings, cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ExtractorRequest.Open(Path.GetFullPath(originalPath), kind, settings, decoder.MaxPixels);
            var response = await process.AskAsync(request, WhileOpening, cancellationToken).ConfigureAwait(false);
            return response is ExtractorResponse.Opened opened
                ? new IsolatedExtractedDocument(process, opened.PageCount, pool, settings.DocumentsPerProcess) { Title = opened.Title }
                : throw new ExtractorFailedException($"the extractor process gave an unexpected answer {WhileOpening}");
        }
        catch
        {
            // A refused file leaves a healthy process; a failure leaves one the pool ends.
            pool.Return(process, settings.DocumentsPerProcess);
            throw;
        }
    }

    public void Dispose() => pool.Dispose();
}
