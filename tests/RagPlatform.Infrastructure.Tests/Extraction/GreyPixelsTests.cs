using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class GreyPixelsTests
{
    [Fact]
    public void Pixels_with_equal_red_green_and_blue_are_grey()
    {
        Assert.True(GreyPixels.AreGrey([0, 0, 0, 128, 128, 128, 255, 255, 255]));
        Assert.True(GreyPixels.AreGrey([]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void One_tinted_pixel_anywhere_makes_the_page_coloured(int band)
    {
        var pixels = Enumerable.Repeat((byte)200, 3 * 1000).ToArray();
        pixels[(3 * 999) + band] = 201;

        Assert.False(GreyPixels.AreGrey(pixels));
    }
}
