using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Tests.Clip;

namespace RagPlatform.Infrastructure.Tests.Imaging;

/// <summary>What every display image transformer does, run against each (Skia, libvips).</summary>
public abstract class ImageTransformerScenarios
{
    private protected static readonly SkiaImageDecoder Decoder = new(100_000_000);

    protected abstract IImageTransformer Transformer { get; }

    [Fact]
    public async Task A_thumbnail_fits_the_long_side_and_keeps_the_aspect_ratio()
    {
        var thumbnail = await Transformer.ThumbnailAsync(Fixture("landscape.png"), 100, TestContext.Current.CancellationToken);

        AssertPng(thumbnail, 100, 75);
    }

    [Fact]
    public async Task A_thumbnail_never_enlarges()
    {
        var thumbnail = await Transformer.ThumbnailAsync(Fixture("tiny.png"), 100, TestContext.Current.CancellationToken);

        AssertPng(thumbnail, 17, 9);
    }

    [Fact]
    public async Task A_thumbnail_of_a_rotated_photo_is_upright()
    {
        var thumbnail = await Transformer.ThumbnailAsync(Fixture("exif-orientation-6.jpg"), 120, TestContext.Current.CancellationToken);

        AssertPng(thumbnail, 80, 120);
    }

    [Fact]
    public async Task A_thumbnail_of_a_12_megapixel_jpeg_is_made_from_a_reduced_decode()
    {
        var thumbnail = await Transformer.ThumbnailAsync(Fixture("huge.jpg"), 256, TestContext.Current.CancellationToken);

        AssertPng(thumbnail, 256, 192);
    }

    [Fact]
    public async Task A_crop_holds_exactly_the_pixels_of_its_region()
    {
        var bytes = Fixture("landscape.png");
        var whole = Decoder.Decode(bytes.Span).Pixels;

        var crop = await Transformer.CropAsync(bytes, new Region(0.5, 0.25, 0.25, 0.5), 1000, TestContext.Current.CancellationToken);

        AssertPng(crop, 160, 240);
        var pixels = Decoder.Decode(crop.Data.Span).Pixels;
        Assert.Equal(whole.Crop(320, 120, 160, 240).Pixels, pixels.Pixels);
    }

    [Fact]
    public async Task The_size_of_a_rotated_photo_is_measured_upright_from_its_header()
    {
        var size = await Transformer.MeasureAsync(Fixture("exif-orientation-6.jpg"), TestContext.Current.CancellationToken);

        Assert.Equal((320, 480), size);
    }

    [Fact]
    public async Task A_crop_is_scaled_down_to_the_maximum_side()
    {
        var crop = await Transformer.CropAsync(Fixture("landscape.png"), Region.WholePage, 64, TestContext.Current.CancellationToken);

        AssertPng(crop, 64, 48);
    }

    [Fact]
    public async Task Crop_regions_are_fractions_of_the_upright_image()
    {
        // Stored 480 × 320 with orientation 6: upright it is 320 × 480.
        var crop = await Transformer.CropAsync(Fixture("exif-orientation-6.jpg"), new Region(0, 0, 1, 0.5), 1000, TestContext.Current.CancellationToken);

        AssertPng(crop, 320, 240);
    }

    [Fact]
    public async Task A_region_spilling_over_the_edge_is_clamped_to_the_image()
    {
        var crop = await Transformer.CropAsync(Fixture("landscape.png"), new Region(0.75, 0.75, 0.5, 0.5), 1000, TestContext.Current.CancellationToken);

        AssertPng(crop, 160, 120);
    }

    [Fact]
    public async Task A_region_outside_the_image_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Transformer.CropAsync(Fixture("landscape.png"), new Region(1.5, 0, 0.2, 0.2), 100, TestContext.Current.CancellationToken));
    }

    protected static ReadOnlyMemory<byte> Fixture(string name) => File.ReadAllBytes(ClipFixtures.Image(name).ImagePath);

    protected static void AssertPng(EncodedImage image, int width, int height)
    {
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal((width, height), (image.PixelWidth, image.PixelHeight));
        var decoded = Decoder.Decode(image.Data.Span);
        Assert.Equal(("PNG", width, height), (decoded.Format, decoded.Width, decoded.Height));
    }
}
