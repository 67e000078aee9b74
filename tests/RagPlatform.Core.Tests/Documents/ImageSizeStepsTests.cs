using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Tests.Documents;

public sealed class ImageSizeStepsTests
{
    [Theory]
    [InlineData(16, 128)]
    [InlineData(128, 128)]
    [InlineData(129, 256)]
    [InlineData(1000, 1024)]
    [InlineData(4096, 4096)]
    [InlineData(9990, 4096)]
    public void A_size_snaps_up_to_the_next_step_and_stops_at_the_largest(int asked, int step) =>
        Assert.Equal(step, ImageSizeSteps.Up(asked));
}
