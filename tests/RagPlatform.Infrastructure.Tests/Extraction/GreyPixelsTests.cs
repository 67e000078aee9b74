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

    [Fact]
    public void A_tint_in_any_band_of_any_pixel_is_found_whatever_the_length()
    {
        // Lengths around the 16-pixel steps, so that every position of a step and the tail are tried.
        foreach (var pixelCount in new[] { 1, 15, 16, 17, 33, 50, 97 })
        {
            var greys = Enumerable.Range(0, pixelCount).SelectMany(p => Enumerable.Repeat((byte)(p * 7), 3)).ToArray();
            Assert.True(GreyPixels.AreGrey(greys));
            for (var i = 0; i < greys.Length; i++)
            {
                var tinted = greys.ToArray();
                tinted[i] ^= 1;
                Assert.False(GreyPixels.AreGrey(tinted), $"{pixelCount} pixels, byte {i} tinted");
            }
        }
    }
}
