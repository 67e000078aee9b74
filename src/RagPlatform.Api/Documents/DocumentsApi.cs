using RagPlatform.Api.Collections;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>The /api/documents route group: upload, list, details, delete and the files.</summary>
internal static class DocumentsApi
{
    private const int MaxPageSize = 500;

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/documents").WithTags("Documents");

        group.MapPost("/", UploadEndpoint.HandleAsync)
            .DisableAntiforgery()
            .Produces<UploadResponseDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Upload PDFs, images, text, Markdown, HTML, DOCX and PPTX, or replace a document (replace=<id> or replace=byName); ingestion runs in the background; the answer lists each file's outcome");

        group.MapGet("/", ListAsync).WithSummary("Documents, newest first");
        group.MapGet("/{id:guid}", GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A document with its status, progress, pages and items");
        group.MapDelete("/{id:guid}", DeleteAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a document with its files, items, vectors and index entries");

        group.MapPost("/{id:guid}/reindex", ReindexAsync)
            .Produces<DocumentDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Ingest a stored document again (e.g. to add vectors after the CLIP model was installed)");

        group.MapDocumentFiles();
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IDocumentStore store, CancellationToken cancellationToken, int skip = 0, int take = 100, string? collection = null)
    {
        var name = CollectionAccess.Resolve(http, collection);
        if (skip < 0 || take < 1 || take > MaxPageSize)
        {
            return Results.Problem($"skip must be ≥ 0 and take between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid paging");
        }

        var documents = await store.ListAsync(name, skip, take, cancellationToken);
        return Results.Ok(new DocumentListDto(documents.Select(DocumentDto.From).ToList(), skip, take));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, IDocumentStore store, IBlobStore blobs, CancellationToken cancellationToken, string? collection = null)
    {
        var document = await VisibleAsync(http, store, id, collection, cancellationToken);
        if (document is null)
        {
            return NotFound(id);
        }

        var pages = await store.GetPagesAsync(id, cancellationToken);
        var items = await store.GetDocumentItemsAsync(id, cancellationToken);
        return Results.Ok(new DocumentDetailsDto(
            DocumentDto.From(document),
            pages.OrderBy(p => p.Number).Select(PageDto.From).ToList(),
            items.OrderBy(i => i.Ordinal).Select(ItemDto.From).ToList(),
            await DocumentNotes.ReadAsync(document, blobs, cancellationToken)));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, IDocumentStore store, DocumentDeletion deletion, CancellationToken cancellationToken, string? collection = null) =>
        await VisibleAsync(http, store, id, collection, cancellationToken) is not null && await deletion.DeleteAsync(id, cancellationToken)
            ? Results.NoContent()
            : NotFound(id);

    private static async Task<IResult> ReindexAsync(Guid id, HttpContext http, IDocumentStore store, DocumentReindexing reindexing, CancellationToken cancellationToken, string? collection = null) =>
        await VisibleAsync(http, store, id, collection, cancellationToken) is not null && await reindexing.ReindexAsync(id, cancellationToken) is { } document
            ? Results.Accepted(ApiLinks.Document(id), DocumentDto.From(document))
            : NotFound(id);

    /// <summary>The document, or null when it does not exist or is in a collection this request may
    /// not see (<see cref="CollectionAccess.MaySee"/>): both answer the same 404.</summary>
    internal static async Task<Document?> VisibleAsync(HttpContext http, IDocumentStore store, Guid id, string? collection, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } document && CollectionAccess.MaySee(http, document.Collection, collection)
            ? document
            : null;

    internal static IResult NotFound(Guid id) =>
        Results.Problem($"No document has the id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Document not found");
}
