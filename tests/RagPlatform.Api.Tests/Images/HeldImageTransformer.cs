using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Images;

/// <summary>The real transformer, but every thumbnail waits until the test lets them all go, so a
/// test can look at how many renders run at once without depending on timing.</summary>
internal sealed class HeldImageTransformer(IImageTransformer inner) : IImageTransformer
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;
    private int _peakInside;

    /// <summary>Thumbnails entered and not yet finished.</summary>
    public int Inside => Volatile.Read(ref _inside);

    public int PeakInside => Volatile.Read(ref _peakInside);

    public void Release() => _release.TrySetResult();

    public async Task<EncodedImage> ThumbnailAsync(ReadOnlyMemory<byte> image, int maxSide, CancellationToken cancellationToken)
    {
        var inside = Interlocked.Increment(ref _inside);
        lock (_release)
        {
            _peakInside = Math.Max(_peakInside, inside);
        }

        try
        {
            await _release.Task.WaitAsync(cancellationToken);
            return await inner.ThumbnailAsync(image, maxSide, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public Task<EncodedImage> CropAsync(ReadOnlyMemory<byte> image, Region region, int maxSide, CancellationToken cancellationToken) =>
        inner.CropAsync(image, region, maxSide, cancellationToken);

    public Task<(int Width, int Height)> MeasureAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken) =>
        inner.MeasureAsync(image, cancellationToken);
}
