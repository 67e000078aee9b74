using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Search;

/// <summary>Estimates a collection's calibration from a sample of that collection's vectors
/// (<see cref="DenseCalibration.Estimate"/>) and keeps it until the collection's vectors have grown
/// or shrunk by more than <see cref="RefreshFraction"/> since the sample: statistics of a few hundred
/// vectors barely move with a few more documents, and re-sampling costs O(sample²) dot products
/// (512² × 512 ≈ 0.13 G multiply-adds at the default sample size, a few tens of ms).
/// Per collection, as search is: another collection's growth neither shifts this one's scores nor
/// forces its re-sampling. Not persisted: it is rebuilt from the index on the first query of each
/// collection after a start.</summary>
public sealed class CollectionDenseScoreCalibrator(IVectorIndex vectors, IOptions<SearchOptions> options) : IDenseScoreCalibrator, IDisposable
{
    /// <summary>Relative change of the vector count that triggers a new sample.</summary>
    public const double RefreshFraction = 0.1;

    // Collection names are 1 to 64 characters, so the empty key cannot clash with one: it stands
    // for every collection together.
    private const string EveryCollection = "";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, DenseCalibration> _current = new(StringComparer.Ordinal);

    public async Task<DenseCalibration> GetAsync(string? collection, CancellationToken cancellationToken)
    {
        var key = collection ?? EveryCollection;
        var count = collection is null
            ? await vectors.CountAsync(cancellationToken)
            : await vectors.CountAsync(collection, cancellationToken);
        if (_current.TryGetValue(key, out var current) && IsFresh(current, count))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current.TryGetValue(key, out current) && IsFresh(current, count))
            {
                return current;
            }

            var size = options.Value.CalibrationSampleSize;
            var sample = collection is null
                ? await vectors.SampleAsync(size, cancellationToken)
                : await vectors.SampleAsync(size, collection, cancellationToken);
            // The estimate is CPU-bound; keep it off the request's synchronisation context.
            current = await Task.Run(() => DenseCalibration.Estimate(sample, count), cancellationToken);
            _current[key] = current;
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
