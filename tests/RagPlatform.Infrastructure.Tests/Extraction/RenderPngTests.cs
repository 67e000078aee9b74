using NetVips;
using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class RenderPngTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_grey_render_decodes_to_its_own_pixels_in_one_band(byte filter)
    {
        var (width, height) = (37, 23);
        var rgb = Pixels(width, height, grey: true);

        var png = RenderPng.Encode(rgb, width, height, grey: true, filter: filter);

        using var decoded = Image.NewFromBuffer(png);
        Assert.Equal((width, height, 1), (decoded.Width, decoded.Height, decoded.Bands));
        Assert.Equal(rgb.Where((_, i) => i % 3 == 1).ToArray(), decoded.WriteToMemory<byte>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_coloured_render_decodes_to_its_own_pixels_in_three_bands(byte filter)
    {
        var (width, height) = (41, 19);
        var rgb = Pixels(width, height, grey: false);

        var png = RenderPng.Encode(rgb, width, height, grey: false, filter: filter);

        using var decoded = Image.NewFromBuffer(png);
        Assert.Equal((width, height, 3), (decoded.Width, decoded.Height, decoded.Bands));
        Assert.Equal(rgb, decoded.WriteToMemory<byte>());
    }

    [Fact]
    public void Pixels_that_do_not_fill_the_size_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RenderPng.Encode(new byte[(3 * 4 * 4) - 1], 4, 4, grey: false));
    }

    // Seeded noise with runs of white, as a page has: every byte value and both filters' edge cases.
    private static byte[] Pixels(int width, int height, bool grey)
    {
        var random = new Random(7);
        var rgb = new byte[width * height * 3];
        for (var p = 0; p < width * height; p++)
        {
            var white = (p / width) % 3 == 0;
            for (var band = 0; band < 3; band++)
            {
                rgb[(p * 3) + band] = white ? (byte)255 : grey && band > 0 ? rgb[p * 3] : (byte)random.Next(256);
            }
        }

        return rgb;
    }
}
