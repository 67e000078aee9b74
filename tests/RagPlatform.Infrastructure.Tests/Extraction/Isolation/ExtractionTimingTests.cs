using System.Collections.Concurrent;
using System.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Extraction.Isolation;

namespace RagPlatform.Infrastructure.Tests.Extraction.Isolation;

/// <summary>The parts of reading a document (open, text, render) are activities a tracer sees in the
/// platform, also when an extractor process did the work.</summary>
public sealed class ExtractionTimingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_page_answer_carries_how_long_its_parts_took()
    {
        var page = new ExtractedPage(1, 612, 792, [], [], new EncodedImage(new byte[] { 1 }, "image/png", 1, 1));
        PartTiming[] parts = [new(ExtractionActivities.Text, TimeSpan.FromTicks(1234)), new(ExtractionActivities.Render, TimeSpan.FromMilliseconds(56))];

        var read = Assert.IsType<ExtractorResponse.PageRead>(ExtractorCodec.DecodeResponse(ExtractorCodec.Encode(new ExtractorResponse.PageRead(page, parts))));

        Assert.Equal(parts, read.Parts);
    }

    [Fact]
    public async Task Parts_timed_in_the_extractor_process_reach_a_listener_in_the_platform()
    {
        using var pdf = new TempPdf(SamplePdfs.ThreePagesOfText());
        using var recorder = new PartRecorder();

        using (recorder.Scope())
        {
            await IsolatedExtraction.ExtractAllAsync(pdf.Path, DocumentKind.Pdf);
        }

        var parts = recorder.Ended.ToList();
        Assert.Single(parts, part => part.Name == ExtractionActivities.Open);
        Assert.Equal(3, parts.Count(part => part.Name == ExtractionActivities.Text));
        Assert.Equal(3, parts.Count(part => part.Name == ExtractionActivities.Render));
        Assert.All(parts, part => Assert.True(part.Duration > TimeSpan.Zero, $"{part.Name} took no time"));
    }

    [Fact]
    public async Task Parts_read_in_process_are_seen_the_same_way()
    {
        using var recorder = new PartRecorder();

        using (recorder.Scope())
        {
            await ExtractorFactory.ExtractAllAsync(SamplePdfs.ThreePagesOfText());
        }

        var parts = recorder.Ended.ToList();
        Assert.Equal(3, parts.Count(part => part.Name == ExtractionActivities.Text));
        Assert.Equal(3, parts.Count(part => part.Name == ExtractionActivities.Render));
    }

    /// <summary>Records the extraction activities of one test: those under its own root activity
    /// (tests run in parallel, and a listener hears every activity of the process).</summary>
    private sealed class PartRecorder : IDisposable
    {
        private readonly ActivitySource _tests = new($"{nameof(ExtractionTimingTests)}.{Guid.NewGuid():N}");
        private readonly ConcurrentQueue<PartTiming> _ended = new();
        private readonly ActivityListener _listener;
        private ActivityTraceId _trace;

        public PartRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == ExtractionActivities.SourceName || source == _tests,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Source.Name == ExtractionActivities.SourceName && activity.TraceId == _trace)
                    {
                        _ended.Enqueue(new PartTiming(activity.OperationName, activity.Duration));
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IEnumerable<PartTiming> Ended => _ended;

        public Activity Scope()
        {
            var root = _tests.StartActivity("test") ?? throw new InvalidOperationException("The test's activity was not sampled.");
            _trace = root.TraceId;
            return root;
        }

        public void Dispose()
        {
            _listener.Dispose();
            _tests.Dispose();
        }
    }
}
