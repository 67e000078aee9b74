using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Items;

/// <summary>The /api/items route group: the image that shows an item.</summary>
internal static class ItemsApi
{
    /// <summary>Margin added around a text region's crop, in fractions of the page, so the crop shows
    /// a little context instead of clipping the glyphs.</summary>
    private const double CropMargin = 0.01;

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
        if (item is null)
        {
            return Results.Problem($"No item has the id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Item not found");
        }

        if (item.BlobKey is not null)
        {
            return await images.ScaledAsync(item.DocumentId, item.BlobKey, maxSide, cancellationToken);
        }

        var page = (await store.GetPagesAsync(item.DocumentId, cancellationToken)).FirstOrDefault(p => p.Number == item.Page);
        if (page is null)
        {
            return Results.Problem("The item's page is not stored.", statusCode: StatusCodes.Status404NotFound, title: "Page not found");
        }

        var region = item.Region ?? Region.WholePage;
        var padded = new Region(region.X - CropMargin, region.Y - CropMargin, region.Width + (2 * CropMargin), region.Height + (2 * CropMargin)).ClampToPage();
        return await images.CropAsync(item.DocumentId, page.RenderBlobKey, padded, maxSide, cancellationToken);
    }
}
