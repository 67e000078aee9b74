namespace RagPlatform.Core.Documents;

/// <summary>Derives display images: crops of a hit's region and thumbnails.</summary>
public interface IImageTransformer
{
    /// <summary>Crops a region (fractions of the image) and scales it to fit in
    /// <paramref name="maxSide"/> pixels. The result is PNG.</summary>
    Task<EncodedImage> CropAsync(ReadOnlyMemory<byte> image, Region region, int maxSide, CancellationToken cancellationToken);

    /// <summary>Scales the whole image to fit in <paramref name="maxSide"/> pixels (never up).</summary>
    Task<EncodedImage> ThumbnailAsync(ReadOnlyMemory<byte> image, int maxSide, CancellationToken cancellationToken);

    /// <summary>The size in pixels as shown (EXIF orientation applied), from the headers only: no
    /// pixel is decoded.</summary>
    Task<(int Width, int Height)> MeasureAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken);
}
