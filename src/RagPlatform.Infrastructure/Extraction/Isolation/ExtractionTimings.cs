using System.Collections.Concurrent;
using System.Diagnostics;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>Carries the extractor process's <see cref="ExtractionActivities"/> to the platform: the
/// process records each part's duration as it ends, the page answer takes those recorded so far, and
/// the platform replays them as activities of its own that end when the answer arrives.</summary>
internal sealed class ExtractionTimings : IDisposable
{
    private readonly ConcurrentQueue<PartTiming> _ended = new();
    private readonly ActivityListener _listener;

    public ExtractionTimings()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ExtractionActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = activity => _ended.Enqueue(new PartTiming(activity.OperationName, activity.Duration)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The parts that ended since the last call.</summary>
    public IReadOnlyList<PartTiming> Take()
    {
        var parts = new List<PartTiming>();
        while (_ended.TryDequeue(out var part))
        {
            parts.Add(part);
        }

        return parts;
    }

    /// <summary>Replays parts timed in the extractor process as activities of this process, each
    /// ending now; nothing is created when nothing listens.</summary>
    public static void Replay(IReadOnlyList<PartTiming> parts)
    {
        if (parts.Count == 0 || !ExtractionActivities.Source.HasListeners())
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var part in parts)
        {
            using var activity = ExtractionActivities.Source.StartActivity(part.Name, ActivityKind.Internal, default(ActivityContext), startTime: now - part.Duration);
            activity?.SetEndTime(now.UtcDateTime);
        }
    }

    public void Dispose() => _listener.Dispose();
}
