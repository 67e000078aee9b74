using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction.Flow;

namespace RagPlatform.Infrastructure.Extraction.Office;

/// <summary>Opens a DOCX (with DocumentFormat.OpenXml, after <see cref="PackageLimits"/>): headings,
/// paragraphs, table rows and pictures, cut into pages at explicit page breaks and by size.</summary>
internal sealed class WordDocumentExtractor(IOptions<ExtractionOptions> options) : IDocumentExtractor
{
    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        if (kind != DocumentKind.WordDocument)
        {
            throw new ArgumentException($"{nameof(WordDocumentExtractor)} opens DOCX; a {kind} document needs its own extractor.", nameof(kind));
        }

        var settings = options.Value;
        var blocks = await Task.Run(
            () =>
            {
                PackageLimits.Check(originalPath, settings, "DOCX");
                return OfficeFailures.Read("DOCX", () =>
                {
                    using var document = WordprocessingDocument.Open(originalPath, isEditable: false);
                    return WordBlocks.Read(document);
                });
            },
            cancellationToken).ConfigureAwait(false);
        return FlowDocuments.Open(FlowPaginator.Paginate(blocks), settings);
    }
}
