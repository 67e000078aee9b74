using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Tests.Imaging;

public sealed class SkiaImageTransformerTests : ImageTransformerScenarios
{
    protected override IImageTransformer Transformer { get; } = new SkiaImageTransformer(Decoder);

    [Fact]
    public async Task A_damaged_image_is_rejected_with_its_reason()
    {
        var bytes = Fixture("landscape.png");

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            Transformer.ThumbnailAsync(bytes[..(bytes.Length / 2)], 100, TestContext.Current.CancellationToken));

        Assert.Contains("PNG", error.Message, StringComparison.Ordinal);
    }
}
