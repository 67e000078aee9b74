using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Tests.Ocr;

namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary>What ingestion does with an uploaded image, OCR then CLIP on the same bytes, with the
/// real recogniser and encoder sharing their decoded pixels as the container wires them.</summary>
public sealed class ImageDecodedOnceTests
{
    [Fact]
    public async Task Ocr_then_clip_decode_an_image_once_and_give_the_embedding_of_a_decode_of_its_own()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var fixture = ClipFixtures.Image("landscape.png");
        var bytes = File.ReadAllBytes(fixture.ImagePath);
        var (width, height, _) = new SkiaImageDecoder(100_000_000).ReadSize(bytes);
        var image = new EncodedImage(bytes, "image/png", width, height);
        var shared = new DecodedImages();
        using var ocr = new PaddleOcrRecognizer(new OcrModelFolder(OcrModels.Directory), new OcrOptions(), NullLogger<PaddleOcrRecognizer>.Instance, shared);
        using var clip = new ClipDenseEncoders(new ClipModelFolder(ClipFixtures.ModelDirectory),
            new ClipOptions { ModelDirectory = ClipFixtures.ModelDirectory, IntraOpThreads = 1 }, new RecordingLogger<ClipDenseEncoders>(), shared);
        using var alone = ClipEncoderParityTests.CreateEncoders(ClipFixtures.ModelDirectory);

        await ocr.RecognizeAsync(image, cancellation);
        var embedding = await clip.Images.GenerateAsync([new DataContent(image.Data, image.MediaType)], cancellationToken: cancellation);

        Assert.Equal(1, shared.Decodes);
        var expected = await alone.Images.GenerateAsync([new DataContent(File.ReadAllBytes(fixture.ImagePath), "image/png")], cancellationToken: cancellation);
        Assert.Equal(expected[0].Vector.ToArray(), embedding[0].Vector.ToArray());
    }
}
