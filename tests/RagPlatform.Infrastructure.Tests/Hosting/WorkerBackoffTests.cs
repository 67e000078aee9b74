using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Core.Documents;
using RagPlatform.Hosting;
using RagPlatform.Infrastructure.Tests.Clip;

namespace RagPlatform.Infrastructure.Tests.Hosting;

public sealed class WorkerBackoffTests
{
    private static readonly IOException DiskFull = new("No space left on device", 28);
    private static readonly int[] PausesInSeconds = [1, 2, 4, 8, 16, 32, 60, 60, 60];

    [Fact]
    public async Task A_worker_on_a_full_disk_waits_ever_longer_and_logs_once_per_change_of_state()
    {
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger<WorkerBackoffTests>();
        var space = new StorageSpace();
        var backoff = new WorkerBackoff("w1", space, time, logger);

        foreach (var delay in PausesInSeconds.Select(s => TimeSpan.FromSeconds(s)))
        {
            var waiting = backoff.FailedAsync(DiskFull, TestContext.Current.CancellationToken);
            time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.False(waiting.IsCompleted, $"The pause of {delay} ended early.");
            time.Advance(TimeSpan.FromMilliseconds(1));
            await waiting;
        }

        Assert.True(space.IsShort);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);

        backoff.Succeeded();
        backoff.Succeeded();
        Assert.False(space.IsShort);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Information);
        Assert.Equal(WorkerBackoff.FirstDelay, backoff.NextDelay);
    }

    [Fact]
    public async Task A_new_cause_of_failure_is_logged_once_and_an_unchanged_one_not_again()
    {
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger<WorkerBackoffTests>();
        var backoff = new WorkerBackoff("w1", new StorageSpace(), time, logger);

        foreach (var error in new Exception[] { DiskFull, DiskFull, new TimeoutException("database is locked"), new TimeoutException("database is locked") })
        {
            var waiting = backoff.FailedAsync(error, TestContext.Current.CancellationToken);
            time.Advance(WorkerBackoff.MaxDelay);
            await waiting;
        }

        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Warning));
    }
}
