using System.Security.Cryptography;
using System.Text;

namespace RagPlatform.Core.Documents;

/// <summary>The image that shows an item, for the API and for a language model's context alike: the
/// embedded image or page render scaled to fit, or a crop of a text item's region on its page render.
/// Derived images are made once and kept as blobs of the document (deleted with it).</summary>
public sealed class ItemImages(IDocumentStore store, IBlobStore blobs, IImageTransformer transformer)
{
    public const int MinSide = 16;
    public const int MaxSide = 4096;

    /// <summary>Margin added around a text region's crop, in fractions of the page, so the crop shows
    /// a little context instead of clipping the glyphs.</summary>
    private const double CropMargin = 0.01;

    /// <returns>Null when the item's image is not stored (yet): the document may still be ingesting.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSide"/> outside
    /// <see cref="MinSide"/>..<see cref="MaxSide"/>.</exception>
    public async Task<EncodedImage?> GetAsync(Item item, int maxSide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, MinSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSide, MaxSide);
        if (item.BlobKey is not null)
        {
            return await ScaledAsync(item.DocumentId, item.BlobKey, maxSide, cancellationToken);
        }

        var page = (await store.GetPagesAsync(item.DocumentId, cancellationToken)).FirstOrDefault(p => p.Number == item.Page);
        if (page is null)
        {
            return null;
        }

        var region = item.Region ?? Region.WholePage;
        var padded = new Region(region.X - CropMargin, region.Y - CropMargin, region.Width + (2 * CropMargin), region.Height + (2 * CropMargin)).ClampToPage();
        return await CropAsync(item.DocumentId, page.RenderBlobKey, padded, maxSide, cancellationToken);
    }

    /// <summary>A stored image scaled to fit <paramref name="maxSide"/>; null when not stored.</summary>
    public Task<EncodedImage?> ScaledAsync(Guid documentId, string key, int maxSide, CancellationToken cancellationToken) =>
        DerivedAsync(documentId, key, $"scaled-{maxSide}", (image, ct) => transformer.ThumbnailAsync(image, maxSide, ct), cancellationToken);

    private Task<EncodedImage?> CropAsync(Guid documentId, string key, Region region, int maxSide, CancellationToken cancellationToken) =>
        DerivedAsync(
            documentId,
            key,
            FormattableString.Invariant($"crop-{region.X:F4}-{region.Y:F4}-{region.Width:F4}-{region.Height:F4}-{maxSide}"),
            (image, ct) => transformer.CropAsync(image, region, maxSide, ct),
            cancellationToken);

    private async Task<EncodedImage?> DerivedAsync(
        Guid documentId,
        string sourceKey,
        string variant,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task<EncodedImage>> derive,
        CancellationToken cancellationToken)
    {
        var derivedKey = BlobKeys.Derived(documentId, $"{ShortHash(sourceKey)}-{variant}.png");
        var cached = await ReadAllAsync(derivedKey, cancellationToken);
        if (cached is not null)
        {
            // The size is not kept beside the bytes; callers that need it (a model's image budget)
            // read it from the PNG header.
            var (width, height) = PngSize(cached);
            return new EncodedImage(cached, "image/png", width, height);
        }

        var source = await ReadAllAsync(sourceKey, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var derived = await derive(source, cancellationToken);
        await blobs.PutAsync(derivedKey, new MemoryStream(derived.Data.ToArray(), writable: false), cancellationToken);
        return derived;
    }

    private async Task<byte[]?> ReadAllAsync(string key, CancellationToken cancellationToken)
    {
        var stream = await blobs.OpenReadAsync(key, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
    }

    /// <summary>Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian); 0 × 0 when the
    /// bytes are not a PNG.</summary>
    private static (int Width, int Height) PngSize(byte[] png) =>
        png.Length >= 24 && png[12] == (byte)'I' && png[13] == (byte)'H'
            ? (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)))
            : (0, 0);

    private static string ShortHash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
}
