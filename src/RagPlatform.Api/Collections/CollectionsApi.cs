using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Collections;

/// <summary>The /api/collections route group: the collections that hold documents, and deleting one
/// with everything in it.</summary>
internal static class CollectionsApi
{
    public static RouteGroupBuilder MapCollectionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/collections").WithTags("Collections");
        group.MapGet("/", ListAsync)
            .Produces<CollectionListDto>()
            .WithSummary("Collections with their document counts (those the API key may use)");
        group.MapDelete("/{name}", DeleteAsync)
            .Produces<CollectionDeletedDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete every document of a collection (files, renders, rows, vectors, index entries, also during ingestion) and its conversations");
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IDocumentStore store, CancellationToken cancellationToken)
    {
        var stored = await store.ListCollectionsAsync(cancellationToken);
        // "default" is where everything goes without a name: listed even while empty, so a picker
        // always has it.
        var all = stored.Any(c => c.Name == CollectionName.Default) ? stored : [new CollectionSummary(CollectionName.Default, 0), .. stored];
        return TypedResults.Ok(new CollectionListDto(
            [.. all.Where(c => CollectionAccess.Allows(http, c.Name)).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new CollectionDto(c.Name, c.DocumentCount))]));
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, CollectionDeletion deletion, CancellationToken cancellationToken)
    {
        var collection = CollectionAccess.Resolve(http, name);
        var outcome = await deletion.DeleteAsync(collection, cancellationToken);
        return outcome is { Documents: 0, Conversations: 0 }
            ? Results.Problem($"The collection '{collection}' holds no documents and no conversations.", statusCode: StatusCodes.Status404NotFound, title: "Collection not found")
            : TypedResults.Ok(new CollectionDeletedDto(collection, outcome.Documents, outcome.Conversations));
    }
}
