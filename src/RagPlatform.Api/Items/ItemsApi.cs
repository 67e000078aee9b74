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

    private static async Task<IResult> ImageAsync(Guid id, IDocumentStore store, ImageResponder images, CancellationToken cancellationToken, int maxSide = 1024)
    {
        var item = await store.GetItemAsync(id, cancellationToken);
        return item is null
            ? Results.Problem($"No item has the id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Item not found")
            : await images.ItemAsync(item, maxSide, cancellationToken);
    }
}
