using RagPlatform.Api.Documents;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Items;

/// <summary>The /api/items route group: the image that shows an item.</summary>
internal static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/items").WithTags("Items");
        group.MapGet("/{id:guid}/image", ImageAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An item's image: the embedded image, the page render, or a crop of a text region");
        return group;
    }

    private static async Task<IResult> ImageAsync(Guid id, HttpContext http, IDocumentStore store, ImageResponder images, CancellationToken cancellationToken, int maxSide = 1024, string? collection = null)
    {
        var item = await store.GetItemAsync(id, cancellationToken);
        // An item of a collection this request may not see is answered like a missing one.
        if (item is not null && await DocumentsApi.VisibleAsync(http, store, item.DocumentId, collection, cancellationToken) is null)
        {
            item = null;
        }

        return item is null
            ? Results.Problem($"No item has the id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Item not found")
            : await images.ItemAsync(item, maxSide, cancellationToken);
    }
}
