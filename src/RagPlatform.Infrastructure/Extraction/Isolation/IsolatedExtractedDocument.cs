using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>A document opened in an extractor process; pages are read there one at a time, and
/// disposing ends the process.</summary>
internal sealed class IsolatedExtractedDocument(ExtractorProcess process, int pageCount) : IExtractedDocument
{
    public int PageCount => pageCount;

    public async Task<ExtractedPage> ExtractPageAsync(int pageNumber, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageNumber, PageCount);
        var during = $"while reading page {pageNumber}";
        var response = await process.AskAsync(new ExtractorRequest.Page(pageNumber), during, cancellationToken).ConfigureAwait(false);
        return response is ExtractorResponse.PageRead read && read.Page.Number == pageNumber
            ? read.Page
            : throw new ExtractorFailedException($"the extractor process gave an unexpected answer {during}");
    }

    public void Dispose() => process.Dispose();
}
