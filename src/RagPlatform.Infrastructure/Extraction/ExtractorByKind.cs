using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Reads documents in this process: hands each one to the extractor registered for its
/// kind (keyed by <see cref="DocumentKind"/>) and refuses documents over the page limit. The
/// platform's <see cref="IDocumentExtractor"/> under <c>Extraction:Isolation=InProcess</c>, and
/// what the extractor process runs otherwise.</summary>
internal sealed class ExtractorByKind(IServiceProvider services, IOptions<ExtractionOptions> options) : IDocumentExtractor
{
    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        var extractor = services.GetKeyedService<IDocumentExtractor>(kind)
            ?? throw new InvalidOperationException($"No extractor is registered for {kind} documents.");
        IExtractedDocument opened;
        using (ExtractionActivities.Start(ExtractionActivities.Open))
        {
            opened = await extractor.OpenAsync(originalPath, kind, cancellationToken).ConfigureAwait(false);
        }

        var maxPages = options.Value.MaxPages;
        if (opened.PageCount > maxPages)
        {
            opened.Dispose();
            throw new DocumentRejectedException($"The document has {opened.PageCount} pages; the limit is {maxPages} (Extraction:MaxPages).");
        }

        return opened;
    }
}
