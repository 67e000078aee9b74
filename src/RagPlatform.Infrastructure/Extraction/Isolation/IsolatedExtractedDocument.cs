using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>A document opened in an extractor process; pages are read there one at a time, and
/// disposing gives the process back to its pool (which ends it unless it is fit for another document).</summary>
internal sealed class IsolatedExtractedDocument(ExtractorProcess process, int pageCount, ExtractorPool pool, int documentsPerProcess) : IExtractedDocument
{
    private bool disposed;

    public int PageCount => pageCount;

    /// <summary>Read by the process when it opened the document.</summary>
    public string? Title { get; init; }

    /// <summary>The process reading this document (tests tell reuse from a fresh start by it).</summary>
    internal int ProcessId => process.ProcessId;

    public async Task<ExtractedPage> ExtractPageAsync(int pageNumber, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageNumber, PageCount);
        ObjectDisposedException.ThrowIf(disposed, this);
        var during = $"while reading page {pageNumber}";
        var response = await process.AskAsync(new ExtractorRequest.Page(pageNumber), during, cancellationToken).ConfigureAwait(false);
        if (response is not ExtractorResponse.PageRead read || read.Page.Number != pageNumber)
        {
            throw new ExtractorFailedException($"the extractor process gave an unexpected answer {during}");
        }

        ExtractionTimings.Replay(read.Parts ?? []);
        return read.Page;
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            pool.Return(process, documentsPerProcess);
        }
    }
}
