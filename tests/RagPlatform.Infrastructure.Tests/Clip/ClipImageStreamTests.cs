using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Clip;

namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary>A request of several batches, whose next batch is prepared while the tower runs the
/// current one: the same vectors in the same order as one image at a time, and the same failures.</summary>
public sealed class ClipImageStreamTests : IDisposable
{
    private readonly ClipDenseEncoders _encoders = ClipEncoderParityTests.CreateEncoders(ClipFixtures.ModelDirectory, maxBatchSize: 2);

    [Fact]
    public async Task A_request_of_several_batches_gives_the_vectors_of_single_calls_in_order()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var images = SmallImages().Take(7).ToArray();

        var streamed = await _encoders.Images.GenerateAsync(images, cancellationToken: cancellation);

        Assert.Equal(images.Length, streamed.Count);
        for (var i = 0; i < images.Length; i++)
        {
            var single = await _encoders.Images.GenerateVectorAsync(images[i], cancellationToken: cancellation);
            var cosine = TensorPrimitives.CosineSimilarity(single.Span, streamed[i].Vector.Span);
            Assert.True(cosine >= 0.9999f, $"image {i}: cosine {cosine:F7}");
        }
    }

    [Fact]
    public async Task A_damaged_image_in_a_later_batch_rejects_the_request_with_its_reason()
    {
        var images = SmallImages().Take(5).ToList();
        var bytes = File.ReadAllBytes(ClipFixtures.Image("landscape.png").ImagePath);
        images[3] = new DataContent(bytes.AsMemory(0, bytes.Length / 2), "image/png");

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            _encoders.Images.GenerateAsync(images, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_request_of_several_batches_stops_with_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _encoders.Images.GenerateAsync(SmallImages().Take(6), cancellationToken: cancelled.Token));
    }

    public void Dispose() => _encoders.Dispose();

    private static IEnumerable<DataContent> SmallImages() =>
        ClipFixtures.Images.Where(fixture => fixture.Name != ClipFixtures.HugeImage)
            .Select(fixture => new DataContent(File.ReadAllBytes(fixture.ImagePath), "application/octet-stream"));
}
