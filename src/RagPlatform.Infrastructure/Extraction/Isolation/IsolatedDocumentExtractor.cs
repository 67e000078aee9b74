using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>The <see cref="IDocumentExtractor"/> of <see cref="ExtractionIsolation.Process"/>: each
/// document is opened and read by its own extractor process (the in-process extractors, run there),
/// so no file can crash, exhaust or hang the platform. Costs one process start per document.</summary>
internal sealed class IsolatedDocumentExtractor(
    IOptions<ExtractionOptions> options,
    SkiaImageDecoder decoder,
    ILogger<IsolatedDocumentExtractor> logger) : IDocumentExtractor
{
    private const string WhileOpening = "while opening the file";

    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(originalPath);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.Value;
        var process = ExtractorProcess.Start(settings, logger);
        try
        {
            var request = new ExtractorRequest.Open(Path.GetFullPath(originalPath), kind, settings, decoder.MaxPixels);
            var response = await process.AskAsync(request, WhileOpening, cancellationToken).ConfigureAwait(false);
            return response is ExtractorResponse.Opened opened
                ? new IsolatedExtractedDocument(process, opened.PageCount)
                : throw new ExtractorFailedException($"the extractor process gave an unexpected answer {WhileOpening}");
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }
}
