using System.Security.Cryptography;
using System.Text;

namespace RagPlatform.Core.Documents;

/// <summary>The image that shows an item, for the API and for a language model's context alike: the
/// embedded image or page render scaled to fit, or a crop of a text item's region on its page render.
/// <para>Bounded work: a requested size is snapped up to one of <see cref="ImageSizeSteps"/> and capped
/// at the original's own size, so an image has at most a few derived copies and none larger than
/// itself; renders run behind <see cref="ImageRenderGate"/>; derived copies are kept as blobs of the
/// document (deleted with it) within the <see cref="DerivedImageCache"/> budget.</para>
/// <para>Callers that need a hard ceiling (a model's image budget) use the <c>AtMost</c> methods:
/// they take the snapped copy and, when it is longer than asked, scale that small copy down to the
/// exact size in memory (not stored), so no request ever decodes the original at an arbitrary size.</para></summary>
public sealed class ItemImages(IDocumentStore store, IBlobStore blobs, IImageTransformer transformer, DerivedImageCache cache, ImageRenderGate gate)
{
    public const int MinSide = 16;
    public const int MaxSide = 4096;

    /// <summary>Margin added around a text region's crop, in fractions of the page, so the crop shows
    /// a little context instead of clipping the glyphs.</summary>
    private const double CropMargin = 0.01;

    /// <summary>The item's image with its longest side snapped up from <paramref name="maxSide"/> to
    /// the next size step (or the original's size, if smaller).</summary>
    /// <returns>Null when the item's image is not stored (yet): the document may still be ingesting.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSide"/> outside
    /// <see cref="MinSide"/>..<see cref="MaxSide"/>.</exception>
    public async Task<EncodedImage?> GetAsync(Item item, int maxSide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckSide(maxSide);
        if (item.BlobKey is not null)
        {
            return await ScaledAsync(item.DocumentId, item.BlobKey, maxSide, cancellationToken);
        }

        var renderKey = await PageRenderKeyAsync(item.DocumentId, item.Page, cancellationToken);
        if (renderKey is null)
        {
            return null;
        }

        var region = item.Region ?? Region.WholePage;
        var padded = new Region(region.X - CropMargin, region.Y - CropMargin, region.Width + (2 * CropMargin), region.Height + (2 * CropMargin)).ClampToPage();
        return await DerivedAsync(item.DocumentId, renderKey, padded, ImageSizeSteps.Up(maxSide), cancellationToken);
    }

    /// <summary>A whole page's render with its longest side at most <paramref name="maxSide"/>; null
    /// when the page is not stored.</summary>
    public async Task<EncodedImage?> PageAtMostAsync(Guid documentId, int page, int maxSide, CancellationToken cancellationToken)
    {
        var renderKey = await PageRenderKeyAsync(documentId, page, cancellationToken);
        return renderKey is null ? null : await ScaledAtMostAsync(documentId, renderKey, maxSide, cancellationToken);
    }

    /// <summary>The item's image with its longest side at most <paramref name="maxSide"/>.</summary>
    public async Task<EncodedImage?> GetAtMostAsync(Item item, int maxSide, CancellationToken cancellationToken) =>
        await FitAsync(await GetAsync(item, maxSide, cancellationToken), maxSide, cancellationToken);

    /// <summary>A stored image scaled to the size step at or above <paramref name="maxSide"/> (or its
    /// own size, if smaller); null when not stored.</summary>
    public Task<EncodedImage?> ScaledAsync(Guid documentId, string key, int maxSide, CancellationToken cancellationToken)
    {
        CheckSide(maxSide);
        return DerivedAsync(documentId, key, region: null, ImageSizeSteps.Up(maxSide), cancellationToken);
    }

    /// <summary>A stored image with its longest side at most <paramref name="maxSide"/>.</summary>
    public async Task<EncodedImage?> ScaledAtMostAsync(Guid documentId, string key, int maxSide, CancellationToken cancellationToken) =>
        await FitAsync(await ScaledAsync(documentId, key, maxSide, cancellationToken), maxSide, cancellationToken);

    private async Task<string?> PageRenderKeyAsync(Guid documentId, int page, CancellationToken cancellationToken) =>
        (await store.GetPagesAsync(documentId, cancellationToken)).FirstOrDefault(p => p.Number == page)?.RenderBlobKey;

    private static void CheckSide(int maxSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, MinSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSide, MaxSide);
    }

    private async Task<EncodedImage?> FitAsync(EncodedImage? image, int maxSide, CancellationToken cancellationToken)
    {
        if (image is null || Math.Max(image.PixelWidth, image.PixelHeight) <= maxSide)
        {
            return image;
        }

        // The snapped copy is at most twice as long as asked: a small decode, still within the gate.
        return await gate.RunAsync(ct => transformer.ThumbnailAsync(image.Data, maxSide, ct), cancellationToken);
    }

    private async Task<EncodedImage?> DerivedAsync(Guid documentId, string sourceKey, Region? region, int step, CancellationToken cancellationToken)
    {
        var cached = await ReadDerivedAsync(DerivedKey(documentId, sourceKey, region, step), cancellationToken);
        if (cached is not null)
        {
            return cached;
        }

        return await gate.RunAsync(
            async ct =>
            {
                var source = await ReadSourceAsync(sourceKey, ct);
                if (source is null)
                {
                    return null;
                }

                // A step above the original's own size is the original's size: one copy for all of them.
                var (width, height) = await transformer.MeasureAsync(source, ct);
                var natural = region is { } r
                    ? (int)Math.Ceiling(Math.Max(r.Width * width, r.Height * height))
                    : Math.Max(width, height);
                var effective = Math.Min(step, ImageSizeSteps.Up(Math.Max(1, natural)));
                var key = DerivedKey(documentId, sourceKey, region, effective);

                // Another request may have made it while this one waited for its turn.
                var made = await ReadDerivedAsync(key, ct);
                if (made is not null)
                {
                    return made;
                }

                made = region is { } crop
                    ? await transformer.CropAsync(source, crop, effective, ct)
                    : await transformer.ThumbnailAsync(source, effective, ct);
                await cache.WriteAsync(key, made.Data, ct);
                return made;
            },
            cancellationToken);
    }

    private async Task<EncodedImage?> ReadDerivedAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await cache.ReadAsync(key, cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        // The size is not kept beside the bytes; callers that need it (a model's image budget) read
        // it from the PNG header.
        var (width, height) = PngSize(bytes);
        return new EncodedImage(bytes, "image/png", width, height);
    }

    private async Task<byte[]?> ReadSourceAsync(string key, CancellationToken cancellationToken)
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

    private static string DerivedKey(Guid documentId, string sourceKey, Region? region, int step)
    {
        var variant = region is { } r
            ? FormattableString.Invariant($"crop-{r.X:F4}-{r.Y:F4}-{r.Width:F4}-{r.Height:F4}-{step}")
            : $"scaled-{step}";
        return BlobKeys.Derived(documentId, $"{ShortHash(sourceKey)}-{variant}.png");
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
