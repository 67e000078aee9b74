using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>Opens an HTML page (parsed with AngleSharp, nothing fetched or run) as headings and
/// paragraphs cut into pages of bounded size.</summary>
internal sealed class HtmlDocumentExtractor(IOptions<ExtractionOptions> options) : IDocumentExtractor
{
    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        if (kind != DocumentKind.Html)
        {
            throw new ArgumentException($"{nameof(HtmlDocumentExtractor)} opens HTML; a {kind} document needs its own extractor.", nameof(kind));
        }

        var html = await TextFileReader.ReadAsync(originalPath, cancellationToken).ConfigureAwait(false);
        var blocks = await Task.Run(() => HtmlBlocks.Parse(html), cancellationToken).ConfigureAwait(false);
        return FlowDocuments.Open(FlowPaginator.Paginate(blocks), options.Value);
    }
}
