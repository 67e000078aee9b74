using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Tests.Documents;

public sealed class RegionTests
{
    [Fact]
    public void Union_covers_both_regions()
    {
        var union = new Region(0.1, 0.2, 0.1, 0.1).Union(new Region(0.5, 0.05, 0.2, 0.1));

        Assert.Equal(new Region(0.1, 0.05, 0.6, 0.25), union with { Width = Math.Round(union.Width, 9), Height = Math.Round(union.Height, 9) });
    }

    [Fact]
    public void Clamping_cuts_off_what_spills_over_the_page_edges()
    {
        var clamped = new Region(-0.1, 0.9, 0.3, 0.2).ClampToPage();

        Assert.Equal(0, clamped.X);
        Assert.Equal(0.2, clamped.Width, 9);
        Assert.Equal(1, clamped.Bottom, 9);
    }
}
