using Microsoft.Net.Http.Headers;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>A document's files: the original, its thumbnail and its page renders.</summary>
internal static class DocumentFilesApi
{
    public static void MapDocumentFiles(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/original", OriginalAsync).WithSummary("The uploaded file as it was");
        group.MapGet("/{id:guid}/thumbnail", ThumbnailAsync).WithSummary("The first page, scaled to fit maxSide pixels (PNG)");
        group.MapGet("/{id:guid}/pages/{page:int}/image", PageImageAsync).WithSummary("A rendered page, optionally scaled to fit maxSide pixels");
    }

    private static async Task<IResult> OriginalAsync(Guid id, HttpContext http, HttpResponse response, IDocumentStore store, IBlobStore blobs, CancellationToken cancellationToken, string? collection = null)
    {
        var document = await DocumentsApi.VisibleAsync(http, store, id, collection, cancellationToken);
        var stream = document is null ? null : await blobs.OpenReadAsync(BlobKeys.Original(id), cancellationToken);
        if (stream is null)
        {
            return DocumentsApi.NotFound(id);
        }

        // Inline, not attachment: the browser shows the PDF itself, so a link to …/original#page=N
        // (from a search hit or a citation) opens at that page; saving keeps the file's name.
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(document!.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        return Results.File(stream, document.MediaType, enableRangeProcessing: true);
    }

    private static async Task<IResult> ThumbnailAsync(Guid id, HttpContext http, IDocumentStore store, ImageResponder images, CancellationToken cancellationToken, int maxSide = 256, string? collection = null)
    {
        if (await DocumentsApi.VisibleAsync(http, store, id, collection, cancellationToken) is null)
        {
            return DocumentsApi.NotFound(id);
        }

        var page = (await store.GetPagesAsync(id, cancellationToken)).MinBy(p => p.Number);
        if (page is null)
        {
            return Results.Problem("The document has no page yet: it is still being ingested, or it failed.", statusCode: StatusCodes.Status404NotFound, title: "No thumbnail yet");
        }

        return await images.ScaledAsync(id, page.RenderBlobKey, maxSide, cancellationToken);
    }

    private static async Task<IResult> PageImageAsync(Guid id, int page, HttpContext http, IDocumentStore store, ImageResponder images, CancellationToken cancellationToken, int? maxSide = null, string? collection = null)
    {
        if (await DocumentsApi.VisibleAsync(http, store, id, collection, cancellationToken) is null)
        {
            return DocumentsApi.NotFound(id);
        }

        var info = (await store.GetPagesAsync(id, cancellationToken)).FirstOrDefault(p => p.Number == page);
        if (info is null)
        {
            return Results.Problem($"Document {id} has no page {page}.", statusCode: StatusCodes.Status404NotFound, title: "Page not found");
        }

        return maxSide is null
            ? await images.OriginalAsync(info.RenderBlobKey, cancellationToken)
            : await images.ScaledAsync(id, info.RenderBlobKey, maxSide.Value, cancellationToken);
    }
}
