using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>The pipeline's one <see cref="IDocumentExtractor"/>: hands each document to the
/// extractor registered for its kind (keyed by <see cref="DocumentKind"/>).</summary>
internal sealed class ExtractorByKind(IServiceProvider services) : IDocumentExtractor
{
    public Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        var extractor = services.GetKeyedService<IDocumentExtractor>(kind)
            ?? throw new InvalidOperationException($"No extractor is registered for {kind} documents.");
        return extractor.OpenAsync(originalPath, kind, cancellationToken);
    }
}
