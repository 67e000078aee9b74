using System.Security.Cryptography;
using System.Text;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api;

/// <summary>Answers image requests from the blob store: stored images as they are, and scaled
/// versions or crops made once and kept as derived blobs of the document (deleted with it).</summary>
internal sealed class ImageResponder(IBlobStore blobs, IImageTransformer transformer)
{
    public const int MinSide = 16;
    public const int MaxSide = 4096;

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
        DerivedAsync(documentId, key, $"scaled-{maxSide}", maxSide, (image, ct) => transformer.ThumbnailAsync(image, maxSide, ct), cancellationToken);

    public Task<IResult> CropAsync(Guid documentId, string key, Region region, int maxSide, CancellationToken cancellationToken) =>
        DerivedAsync(
            documentId,
            key,
            FormattableString.Invariant($"crop-{region.X:F4}-{region.Y:F4}-{region.Width:F4}-{region.Height:F4}-{maxSide}"),
            maxSide,
            (image, ct) => transformer.CropAsync(image, region, maxSide, ct),
            cancellationToken);

    private async Task<IResult> DerivedAsync(
        Guid documentId,
        string sourceKey,
        string variant,
        int maxSide,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task<EncodedImage>> derive,
        CancellationToken cancellationToken)
    {
        if (maxSide is < MinSide or > MaxSide)
        {
            return Results.Problem($"maxSide must be between {MinSide} and {MaxSide}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid image size");
        }

        var derivedKey = BlobKeys.Derived(documentId, $"{ShortHash(sourceKey)}-{variant}.png");
        var cached = await blobs.OpenReadAsync(derivedKey, cancellationToken);
        if (cached is not null)
        {
            return Results.File(cached, "image/png");
        }

        var source = await blobs.OpenReadAsync(sourceKey, cancellationToken);
        if (source is null)
        {
            return MissingImage();
        }

        byte[] bytes;
        await using (source)
        {
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var derived = await derive(bytes, cancellationToken);
        await blobs.PutAsync(derivedKey, new MemoryStream(derived.Data.ToArray(), writable: false), cancellationToken);
        return Results.File(derived.Data.ToArray(), derived.MediaType);
    }

    private static string ShortHash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));

    private static IResult MissingImage() =>
        Results.Problem("The image is not stored (yet): the document may still be ingesting.", statusCode: StatusCodes.Status404NotFound, title: "Image not found");
}
