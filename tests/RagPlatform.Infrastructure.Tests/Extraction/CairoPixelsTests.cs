using RagPlatform.Infrastructure.Extraction.Poppler;

namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class CairoPixelsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(7, 5)]
    [InlineData(33, 4)]
    public void Opaque_pixels_of_any_width_become_packed_rgb_in_order(int width, int height)
    {
        var stride = (width * 4) + 8;
        var bgra = new byte[stride * height];
        var random = new Random(width * 31 + height);
        random.NextBytes(bgra);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bgra[(y * stride) + (x * 4) + 3] = 255;
            }
        }

        var rgb = new byte[width * height * 3];
        var grey = CairoPixels.ToPackedRgb(bgra, stride, width, height, rgb);

        Assert.False(grey);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (source, target) = ((y * stride) + (x * 4), ((y * width) + x) * 3);
                Assert.Equal((bgra[source + 2], bgra[source + 1], bgra[source]), (rgb[target], rgb[target + 1], rgb[target + 2]));
            }
        }
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(9, 8)]
    public void Grey_pages_are_told_from_pages_with_one_coloured_pixel(int width, int colouredPixel)
    {
        var bgra = Enumerable.Range(0, width * 2).SelectMany(i => new[] { (byte)i, (byte)i, (byte)i, (byte)255 }).ToArray();
        var rgb = new byte[width * 2 * 3];

        Assert.True(CairoPixels.ToPackedRgb(bgra, width * 4, width, 2, rgb));

        bgra[(colouredPixel * 4) + 2] ^= 1;
        Assert.False(CairoPixels.ToPackedRgb(bgra, width * 4, width, 2, rgb));
    }

    [Fact]
    public void Pixels_poppler_left_translucent_are_unpremultiplied_as_libvips_does()
    {
        // Premultiplied half-transparent red (128, 0, 0, alpha 128), a cleared pixel and opaque grey.
        byte[] bgra = [0, 0, 128, 128, 0, 0, 0, 0, 90, 90, 90, 255, 90, 90, 90, 255, 90, 90, 90, 255];
        var rgb = new byte[5 * 3];

        var grey = CairoPixels.ToPackedRgb(bgra, 5 * 4, 5, 1, rgb);

        Assert.False(grey);
        Assert.Equal([255, 0, 0, 0, 0, 0, 90, 90, 90, 90, 90, 90, 90, 90, 90], rgb);
    }
}
