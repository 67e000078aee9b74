using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>Opens plain text and Markdown: paragraphs (and Markdown's headings, lists, tables and
/// code), cut into pages of bounded size by <see cref="FlowPaginator"/>.</summary>
internal sealed class TextDocumentExtractor(IOptions<ExtractionOptions> options) : IDocumentExtractor
{
    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        if (kind is not (DocumentKind.PlainText or DocumentKind.Markdown))
        {
            throw new ArgumentException($"{nameof(TextDocumentExtractor)} opens text and Markdown; a {kind} document needs its own extractor.", nameof(kind));
        }

        var text = await TextFileReader.ReadAsync(originalPath, cancellationToken).ConfigureAwait(false);
        var blocks = kind == DocumentKind.Markdown ? MarkdownBlocks.Parse(text) : PlainTextBlocks.Parse(text);
        return FlowDocuments.Open(FlowPaginator.Paginate(blocks), options.Value);
    }
}
