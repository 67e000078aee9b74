namespace RagPlatform.Infrastructure.Extraction.Poppler;

/// <summary>A PDF opened by poppler-glib. Not thread-safe, as poppler documents are not: one page at
/// a time (<see cref="PopplerPageRenderer"/> serialises).</summary>
internal sealed class PopplerDocument : IDisposable
{
    private readonly GObjectHandle handle;

    private PopplerDocument(GObjectHandle handle) => this.handle = handle;

    /// <summary>Pages as poppler counts them (it trusts the page tree's /Count).</summary>
    public int PageCount => PopplerNative.poppler_document_get_n_pages(handle);

    /// <exception cref="PopplerException">Poppler cannot open the file (damaged, encrypted, not a PDF).</exception>
    public static PopplerDocument Open(string path)
    {
        var uri = PopplerNative.g_filename_to_uri(Path.GetFullPath(path), 0, out var uriError);
        if (uri == 0)
        {
            throw new PopplerException($"The path {path} cannot be given to poppler: {PopplerNative.TakeErrorMessage(uriError)}.");
        }

        nint document;
        nint error;
        try
        {
            document = PopplerNative.poppler_document_new_from_file(uri, 0, out error);
        }
        finally
        {
            PopplerNative.g_free(uri);
        }

        return document == 0
            ? throw new PopplerException($"Poppler cannot open the PDF: {PopplerNative.TakeErrorMessage(error)}.")
            : new PopplerDocument(new GObjectHandle(document));
    }

    /// <param name="pageNumber">1-based.</param>
    /// <exception cref="PopplerException">Poppler cannot load the page (a page tree that claims more
    /// pages than it has, a damaged page object).</exception>
    public PopplerPage GetPage(int pageNumber)
    {
        // poppler-glib logs a critical warning for an index past its count: checked here instead.
        // Its page holds a reference to its document: a page outlives a disposed document.
        var page = pageNumber >= 1 && pageNumber <= PageCount ? PopplerNative.poppler_document_get_page(handle, pageNumber - 1) : 0;
        return page == 0
            ? throw new PopplerException($"Poppler cannot load page {pageNumber} of the PDF.")
            : new PopplerPage(new GObjectHandle(page));
    }

    public void Dispose() => handle.Dispose();
}
