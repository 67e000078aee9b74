using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary>The whole pipeline against the reference embeddings of the tiny fixture model: text →
/// ids → text tower, and image file bytes → decode → preprocessing → vision tower.</summary>
public sealed class ClipEncoderParityTests
{
    private const float MinimumCosine = 0.9999f;

    private static readonly Lazy<ClipDenseEncoders> SharedEncoders = new(() => CreateEncoders(ClipFixtures.ModelDirectory, maxBatchSize: 4));

    public static TheoryData<string> ReferenceTexts { get; } = new(ClipFixtures.Texts.Select(fixture => fixture.Text));

    public static TheoryData<string> ReferenceImages { get; } = new(ClipFixtures.Images.Select(fixture => fixture.Name).Where(name => name != ClipFixtures.HugeImage));

    private static ClipDenseEncoders Encoders => SharedEncoders.Value;

    [Fact]
    public void The_fixture_model_folder_loads_with_its_dimensions()
    {
        Assert.True(Encoders.IsAvailable, Encoders.UnavailableReason);
        Assert.Null(Encoders.UnavailableReason);
        Assert.Equal(32, Encoders.Dimensions);
    }

    [Theory]
    [MemberData(nameof(ReferenceTexts))]
    public async Task Text_embedding_matches_the_reference(string text)
    {
        var fixture = ClipFixtures.Text(text);

        var embedding = await Encoders.Text.GenerateVectorAsync(text, cancellationToken: TestContext.Current.CancellationToken);

        AssertClose(fixture.Embedding, embedding.ToArray(), text);
    }

    [Theory]
    [MemberData(nameof(ReferenceImages))]
    public async Task Image_embedding_matches_the_reference(string name)
    {
        var fixture = ClipFixtures.Image(name);

        var embedding = await Encoders.Images.GenerateVectorAsync(ImageContent(fixture), cancellationToken: TestContext.Current.CancellationToken);

        AssertClose(fixture.Embedding, embedding.ToArray(), name);
    }

    /// <summary>The 12-megapixel JPEG once: the decoded, resampled tensor against the reference
    /// pixels, and that tensor through the vision tower against the reference embedding.</summary>
    [Fact]
    public void The_12_megapixel_jpeg_matches_the_reference_pixels_and_embedding()
    {
        var fixture = ClipFixtures.Image(ClipFixtures.HugeImage);
        Assert.True(Encoders.IsAvailable, Encoders.UnavailableReason);
        var model = Encoders.Model!;
        var image = new SkiaImageDecoder(100_000_000).Decode(File.ReadAllBytes(fixture.ImagePath));
        var tensor = new float[model.Preprocessor.TensorLength];

        model.Preprocessor.Preprocess(image, tensor);
        var vector = model.Vision.Run(tensor, [1, 3, 224, 224], null, TestContext.Current.CancellationToken)[0];

        ClipImagePreprocessorTests.AssertPixelsMatch(fixture.Name, ClipFixtures.ReadPixels(fixture), tensor);
        AssertClose(fixture.Embedding, vector, fixture.Name);
    }

    [Fact]
    public async Task A_batch_gives_the_same_vectors_as_single_calls()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var texts = ClipFixtures.Texts.Select(fixture => fixture.Text).ToArray();
        var images = ClipFixtures.Images.Where(fixture => fixture.Name != ClipFixtures.HugeImage).Take(6).Select(ImageContent).ToArray();

        var textBatch = await Encoders.Text.GenerateAsync(texts, cancellationToken: cancellation);
        var imageBatch = await Encoders.Images.GenerateAsync(images, cancellationToken: cancellation);

        Assert.Equal(texts.Length, textBatch.Count);
        Assert.Equal(images.Length, imageBatch.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = await Encoders.Text.GenerateVectorAsync(texts[i], cancellationToken: cancellation);
            AssertClose(single.ToArray(), textBatch[i].Vector.ToArray(), texts[i]);
        }

        for (var i = 0; i < images.Length; i++)
        {
            var single = await Encoders.Images.GenerateVectorAsync(images[i], cancellationToken: cancellation);
            AssertClose(single.ToArray(), imageBatch[i].Vector.ToArray(), $"image {i}");
        }
    }

    [Fact]
    public async Task Concurrent_calls_from_several_threads_give_identical_vectors()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var texts = ClipFixtures.Texts.Select(fixture => fixture.Text).ToArray();
        var image = ImageContent(ClipFixtures.Image("rgba.png"));
        var expectedTexts = (await Encoders.Text.GenerateAsync(texts, cancellationToken: cancellation)).Select(e => e.Vector.ToArray()).ToArray();
        var expectedImage = (await Encoders.Images.GenerateVectorAsync(image, cancellationToken: cancellation)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var textVectors = await Encoders.Text.GenerateAsync(texts, cancellationToken: cancellation);
            var imageVector = await Encoders.Images.GenerateVectorAsync(image, cancellationToken: cancellation);
            return (Texts: textVectors.Select(e => e.Vector.ToArray()).ToArray(), Image: imageVector.ToArray());
        }, cancellation)));

        foreach (var (textVectors, imageVector) in results)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.Equal(expectedTexts[i], textVectors[i]);
            }

            Assert.Equal(expectedImage, imageVector);
        }
    }

    [Fact]
    public async Task Embeddings_are_unit_length_and_carry_the_model_id()
    {
        var embeddings = await Encoders.Text.GenerateAsync(["a chart", "a cat"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(embeddings, embedding =>
        {
            Assert.Equal(1f, TensorPrimitives.Norm(embedding.Vector.Span), 5);
            Assert.Equal("clip:model", embedding.ModelId);
        });
        var metadata = Encoders.Text.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal(32, metadata?.DefaultModelDimensions);
    }

    [Fact]
    public async Task Asking_for_other_dimensions_is_refused()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            Encoders.Text.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 512 }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_damaged_image_is_rejected_with_its_reason()
    {
        var bytes = File.ReadAllBytes(ClipFixtures.Image("landscape.png").ImagePath);

        var error = await Assert.ThrowsAsync<Core.Ingestion.DocumentRejectedException>(() =>
            Encoders.Images.GenerateAsync([new DataContent(bytes.AsMemory(0, bytes.Length / 2), "image/png")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    internal static ClipDenseEncoders CreateEncoders(string folder, int maxBatchSize = 16, RecordingLogger<ClipDenseEncoders>? logger = null) =>
        new(new ClipModelFolder(folder), new ClipOptions { ModelDirectory = folder, MaxBatchSize = maxBatchSize, IntraOpThreads = 1 }, logger ?? new RecordingLogger<ClipDenseEncoders>());

    private static DataContent ImageContent(ImageFixture fixture)
    {
        var mediaType = Path.GetExtension(fixture.Name) switch
        {
            ".png" => "image/png",
            ".jpg" => "image/jpeg",
            ".gif" => "image/gif",
            ".bmp" => "image/bmp",
            _ => "image/webp",
        };
        return new DataContent(File.ReadAllBytes(fixture.ImagePath), mediaType);
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var cosine = TensorPrimitives.CosineSimilarity(expected, actual);
        Assert.True(cosine >= MinimumCosine, $"{what}: cosine {cosine:F7} < {MinimumCosine}");
    }
}
