using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Infrastructure.Tests.Extraction;

public sealed class RenderResolutionTests
{
    [Theory]
    [InlineData(1754, 150)]
    [InlineData(1024, 150)]
    [InlineData(4096, 150)]
    public void A_page_within_the_limits_keeps_the_configured_dpi(double longestSide, double expected)
    {
        Assert.Equal(expected, RenderResolution.Fit(150, longestSide, minSide: 1024, maxSide: 4096));
    }

    [Fact]
    public void A_page_over_the_maximum_is_scaled_down_to_just_under_it()
    {
        var dpi = RenderResolution.Fit(150, 30_000, minSide: 1024, maxSide: 4096);

        Assert.InRange(30_000 * dpi / 150, 4095, 4096);
    }

    [Fact]
    public void A_page_under_the_minimum_is_scaled_up_to_it()
    {
        var dpi = RenderResolution.Fit(150, 42, minSide: 1024, maxSide: 4096);

        Assert.Equal(1024, 42 * dpi / 150, precision: 6);
    }
}
