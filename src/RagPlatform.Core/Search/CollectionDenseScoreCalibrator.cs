using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Search;

/// <summary>Estimates the calibration from a sample of the collection's vectors
/// (<see cref="DenseCalibration.Estimate"/>) and keeps it until the index has grown or shrunk by more
/// than <see cref="RefreshFraction"/> since the sample: statistics of a few hundred vectors barely
/// move with a few more documents, and re-sampling costs O(sample²) dot products
/// (512² × 512 ≈ 0.13 G multiply-adds at the default sample size, a few tens of ms).
/// Not persisted: it is rebuilt from the index on the first query after a start.</summary>
public sealed class CollectionDenseScoreCalibrator(IVectorIndex vectors, IOptions<SearchOptions> options) : IDenseScoreCalibrator, IDisposable
{
    /// <summary>Relative change of the vector count that triggers a new sample.</summary>
    public const double RefreshFraction = 0.1;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DenseCalibration? _current;

    public async Task<DenseCalibration> GetAsync(CancellationToken cancellationToken)
    {
        var count = await vectors.CountAsync(cancellationToken);
        var current = Volatile.Read(ref _current);
        if (current is not null && IsFresh(current, count))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && IsFresh(current, count))
            {
                return current;
            }

            var sample = await vectors.SampleAsync(options.Value.CalibrationSampleSize, cancellationToken);
            // The estimate is CPU-bound; keep it off the request's synchronisation context.
            current = await Task.Run(() => DenseCalibration.Estimate(sample, count), cancellationToken);
            Volatile.Write(ref _current, current);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static bool IsFresh(DenseCalibration calibration, long count) =>
        Math.Abs(count - calibration.SampledFrom) <= RefreshFraction * calibration.SampledFrom;
}
