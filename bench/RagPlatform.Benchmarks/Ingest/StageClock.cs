using System.Collections.Concurrent;
using System.Diagnostics;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Adds up the time of ingestion's stages from the pipeline's own activities
/// (<see cref="IngestionActivities"/>, and the extractor's parts on <c>RagPlatform.Extraction</c>):
/// the benchmark listens to the seam a tracer would, rather than copying the pipeline.</summary>
internal sealed class StageClock : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public StageClock()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is IngestionActivities.SourceName or ExtractionActivities.SourceName,
            // Timing only: no tags, no parent-child bookkeeping beyond what a started activity has.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = activity =>
            {
                _ticks.AddOrUpdate(activity.OperationName, activity.Duration.Ticks, (_, total) => total + activity.Duration.Ticks);
                _counts.AddOrUpdate(activity.OperationName, 1, (_, count) => count + 1);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Reset()
    {
        _ticks.Clear();
        _counts.Clear();
    }

    /// <summary>Total time of each stage (all workers together) and how often it ran.</summary>
    public IReadOnlyDictionary<string, (TimeSpan Total, int Count)> Read() =>
        _ticks.ToDictionary(pair => pair.Key, pair => (TimeSpan.FromTicks(pair.Value), _counts.GetValueOrDefault(pair.Key)), StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
