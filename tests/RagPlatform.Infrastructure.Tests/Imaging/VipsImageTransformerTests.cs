using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Tests.Imaging;

public sealed class VipsImageTransformerTests : ImageTransformerScenarios
{
    protected override IImageTransformer Transformer { get; } = new VipsImageTransformer(new SkiaImageTransformer(Decoder));

    [Fact]
    public async Task A_bmp_is_thumbnailed_like_any_other_image()
    {
        var thumbnail = await Transformer.ThumbnailAsync(ImagingSamples.Read("sample.bmp"), 64, TestContext.Current.CancellationToken);

        Assert.InRange(Math.Max(thumbnail.PixelWidth, thumbnail.PixelHeight), 1, 64);
        AssertPng(thumbnail, thumbnail.PixelWidth, thumbnail.PixelHeight);
    }
}
