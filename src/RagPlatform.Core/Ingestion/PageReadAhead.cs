namespace RagPlatform.Core.Ingestion;

/// <summary>Reads a document's next page while the worker indexes the current one: the extractor
/// (a process of its own by default) would otherwise wait idle for every page's blob, lexical and
/// metadata writes, and the worker for every page's extraction. At most one page is read ahead,
/// so memory stays bounded as with one page at a time; progress is still saved page by page after
/// indexing, so a crash loses at most the page read ahead, which the next run reads again.</summary>
internal sealed class PageReadAhead(IExtractedDocument document) : IAsyncDisposable
{
    private (int Number, Task<ExtractedPage> Page)? _next;

    /// <summary>The page, read ahead by <see cref="Start"/> or now.</summary>
    /// <exception cref="DocumentRejectedException">The page cannot be read at all.</exception>
    public Task<ExtractedPage> ReadAsync(int pageNumber, CancellationToken cancellationToken)
    {
        if (_next is { } next && next.Number == pageNumber)
        {
            _next = null;
            return next.Page;
        }

        return document.ExtractPageAsync(pageNumber, cancellationToken);
    }

    /// <summary>Starts reading <paramref name="pageNumber"/>, to be taken by <see cref="ReadAsync"/>.</summary>
    public void Start(int pageNumber, CancellationToken cancellationToken)
    {
        if (_next is null)
        {
            _next = (pageNumber, document.ExtractPageAsync(pageNumber, cancellationToken));
        }
    }

    /// <summary>Waits for a page read ahead and not taken (the run stopped or yielded before it), so
    /// the document is never closed under a read; what that read gave or threw is of no use.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_next is { Page: var page })
        {
            _next = null;
            await ((Task)page).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _ = page.Exception;
        }
    }
}
