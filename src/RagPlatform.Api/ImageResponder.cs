using RagPlatform.Core.Documents;

namespace RagPlatform.Api;

/// <summary>Turns stored and derived images (<see cref="ItemImages"/>) into HTTP answers: the image,
/// a 400 for a size out of range, or a 404 while it is not stored.</summary>
internal sealed class ImageResponder(IBlobStore blobs, ItemImages images)
{
    public async Task<IResult> OriginalAsync(string key, CancellationToken cancellationToken)
    {
        var stream = await blobs.OpenReadAsync(key, cancellationToken);
        if (stream is null)
        {
            return MissingImage();
        }

        var mediaType = (await MediaTypeSniffer.DetectAsync(stream, cancellationToken))?.MediaType ?? "application/octet-stream";
        stream.Position = 0;
        return Results.File(stream, mediaType);
    }

    public Task<IResult> ScaledAsync(Guid documentId, string key, int maxSide, CancellationToken cancellationToken) =>
        RespondAsync(maxSide, () => images.ScaledAsync(documentId, key, maxSide, cancellationToken));

    public Task<IResult> ItemAsync(Item item, int maxSide, CancellationToken cancellationToken) =>
        RespondAsync(maxSide, () => images.GetAsync(item, maxSide, cancellationToken));

    private static async Task<IResult> RespondAsync(int maxSide, Func<Task<EncodedImage?>> make)
    {
        if (maxSide is < ItemImages.MinSide or > ItemImages.MaxSide)
        {
            return Results.Problem($"maxSide must be between {ItemImages.MinSide} and {ItemImages.MaxSide}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid image size");
        }

        var image = await make();
        return image is null ? MissingImage() : Results.File(image.Data.ToArray(), image.MediaType);
    }

    private static IResult MissingImage() =>
        Results.Problem("The image is not stored (yet): the document may still be ingesting.", statusCode: StatusCodes.Status404NotFound, title: "Image not found");
}
