using Microsoft.Extensions.Time.Testing;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>What every <see cref="IJobQueue"/> must do. Every queue instance of a test reads the
/// same fake clock, so a lease runs out only when the test moves the clock past it: no test waits,
/// and none depends on how fast a loaded machine runs it.</summary>
public abstract class JobQueueScenarios
{
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(30);

    /// <summary>The clock every queue of this test must read.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A queue over this test's own, initially empty data, reading <see cref="Clock"/>; each
    /// call opens a new instance over the same data (another process, or a restart).</summary>
    protected abstract IJobQueue OpenQueue();

    private void LetShortLeasesRunOut() => Clock.Advance(ShortLease + TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Claiming_from_an_empty_queue_returns_null()
    {
        Assert.Null(await OpenQueue().ClaimNextAsync("worker-1", LongLease, Token));
    }

    [Fact]
    public async Task An_idle_worker_is_woken_by_a_job_queued_in_its_process()
    {
        var queue = OpenQueue();
        var waiting = queue.WaitForWorkAsync(TimeSpan.FromHours(1), Token);

        await queue.EnqueueAsync(Guid.NewGuid(), Token);

        // Bounded only so that a queue that never wakes fails instead of hanging the run.
        await waiting.WaitAsync(TimeSpan.FromMinutes(2), Token);
    }

    /// <summary>The first wait of <paramref name="idle"/> starts listening, and may return at once
    /// (woken for jobs queued before); its next wait ends when <paramref name="other"/> queues a job.</summary>
    protected static async Task AssertWokenByAJobQueuedElsewhereAsync(IJobQueue idle, IJobQueue other)
    {
        await idle.WaitForWorkAsync(TimeSpan.FromMinutes(2), Token);
        var waiting = idle.WaitForWorkAsync(TimeSpan.FromHours(1), Token);
        Assert.False(waiting.IsCompleted);

        await other.EnqueueAsync(Guid.NewGuid(), Token);

        // Bounded only so that a queue that never wakes fails instead of hanging the run.
        await waiting.WaitAsync(TimeSpan.FromMinutes(2), Token);
    }

    [Fact]
    public async Task Claims_take_the_oldest_job_first_with_attempt_one()
    {
        var queue = OpenQueue();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await queue.EnqueueAsync(first, Token);
        await queue.EnqueueAsync(second, Token);

        Assert.Equal(new IngestionJob(first, 1, "worker-1"), await queue.ClaimNextAsync("worker-1", LongLease, Token));
        Assert.Equal(new IngestionJob(second, 1, "worker-2"), await queue.ClaimNextAsync("worker-2", LongLease, Token));
        Assert.Null(await queue.ClaimNextAsync("worker-3", LongLease, Token));
    }

    [Fact]
    public async Task A_job_queued_until_a_lease_ends_is_claimed_only_then_as_a_first_attempt()
    {
        var queue = OpenQueue();
        var document = Guid.NewGuid();
        await queue.EnqueueAfterAsync(document, Clock.GetUtcNow().AddMinutes(5), Token);

        Assert.Null(await queue.ClaimNextAsync("worker-1", LongLease, Token));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new IngestionJob(document, 1, "worker-1"), await queue.ClaimNextAsync("worker-1", LongLease, Token));
    }

    [Fact]
    public async Task A_job_whose_lease_expired_is_claimed_again_with_the_next_attempt()
    {
        var queue = OpenQueue();
        var document = Guid.NewGuid();
        await queue.EnqueueAsync(document, Token);
        var abandoned = await queue.ClaimNextAsync("crashed-worker", ShortLease, Token);
        LetShortLeasesRunOut();

        var reclaimed = await OpenQueue().ClaimNextAsync("worker-2", LongLease, Token);

        Assert.Equal(new IngestionJob(document, 1, "crashed-worker"), abandoned);
        Assert.Equal(new IngestionJob(document, 2, "worker-2"), reclaimed);
        Assert.Null(await queue.ClaimNextAsync("worker-3", LongLease, Token));
    }

    [Fact]
    public async Task Renewing_keeps_a_job_and_fails_once_another_worker_took_it_over()
    {
        var queue = OpenQueue();
        await queue.EnqueueAsync(Guid.NewGuid(), Token);
        var slow = (await queue.ClaimNextAsync("slow-worker", ShortLease, Token))!;
        LetShortLeasesRunOut();

        // Expired but not yet taken: still the slow worker's to renew.
        Assert.True(await queue.RenewLeaseAsync(slow, LongLease, Token));
        Assert.Null(await queue.ClaimNextAsync("worker-2", LongLease, Token));

        Assert.True(await queue.RenewLeaseAsync(slow, ShortLease, Token));
        LetShortLeasesRunOut();
        var takeover = (await queue.ClaimNextAsync("worker-2", LongLease, Token))!;

        Assert.False(await queue.RenewLeaseAsync(slow, LongLease, Token));
        Assert.True(await queue.RenewLeaseAsync(takeover, LongLease, Token));
    }

    [Fact]
    public async Task Completing_removes_the_job_but_not_when_another_worker_owns_it_now()
    {
        var queue = OpenQueue();
        await queue.EnqueueAsync(Guid.NewGuid(), Token);
        var slow = (await queue.ClaimNextAsync("slow-worker", ShortLease, Token))!;
        LetShortLeasesRunOut();
        var takeover = (await queue.ClaimNextAsync("worker-2", LongLease, Token))!;

        await queue.CompleteAsync(slow, Token);
        Assert.Equal(1, await queue.CountAsync(Token));

        await queue.CompleteAsync(takeover, Token);
        Assert.Equal(0, await queue.CountAsync(Token));
        Assert.False(await queue.RenewLeaseAsync(takeover, LongLease, Token));
    }

    [Fact]
    public async Task Enqueueing_a_running_job_again_resets_it_to_pending()
    {
        var queue = OpenQueue();
        var document = Guid.NewGuid();
        await queue.EnqueueAsync(document, Token);
        var running = (await queue.ClaimNextAsync("worker-1", LongLease, Token))!;

        await queue.EnqueueAsync(document, Token);

        Assert.Equal(1, await queue.CountAsync(Token));
        Assert.False(await queue.RenewLeaseAsync(running, LongLease, Token));
        Assert.Equal(new IngestionJob(document, 1, "worker-2"), await queue.ClaimNextAsync("worker-2", LongLease, Token));
    }

    [Fact]
    public async Task A_yielding_job_goes_behind_the_waiting_ones_and_its_next_claim_continues_the_same_attempt()
    {
        var queue = OpenQueue();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await queue.EnqueueAsync(first, Token);
        await queue.EnqueueAsync(second, Token);
        var running = (await queue.ClaimNextAsync("worker-1", LongLease, Token))!;

        Assert.True(await queue.YieldAsync(running, TimeSpan.FromSeconds(7), Token));

        Assert.False(await queue.RenewLeaseAsync(running, LongLease, Token));
        Assert.Equal(new IngestionJob(second, 1, "worker-1"), await queue.ClaimNextAsync("worker-1", LongLease, Token));
        Assert.Equal(new IngestionJob(first, 1, "worker-2", 1, TimeSpan.FromSeconds(7)), await queue.ClaimNextAsync("worker-2", LongLease, Token));
    }

    [Fact]
    public async Task A_job_with_nobody_waiting_behind_it_does_not_yield()
    {
        var queue = OpenQueue();
        await queue.EnqueueAsync(Guid.NewGuid(), Token);
        var running = (await queue.ClaimNextAsync("worker-1", LongLease, Token))!;

        Assert.False(await queue.YieldAsync(running, TimeSpan.FromSeconds(1), Token));
        Assert.True(await queue.RenewLeaseAsync(running, LongLease, Token));
    }

    [Fact]
    public async Task A_paused_job_costs_no_attempt_and_is_continued_even_with_nobody_waiting()
    {
        var queue = OpenQueue();
        var document = Guid.NewGuid();
        await queue.EnqueueAsync(document, Token);
        var running = (await queue.ClaimNextAsync("worker-1", LongLease, Token))!;

        await queue.PauseAsync(running, TimeSpan.FromSeconds(2), Token);

        Assert.Equal(new IngestionJob(document, 1, "worker-1", 1, TimeSpan.FromSeconds(2)), await queue.ClaimNextAsync("worker-1", LongLease, Token));
    }

    [Fact]
    public async Task A_continued_job_whose_worker_died_starts_over_with_the_next_attempt()
    {
        var queue = OpenQueue();
        var document = Guid.NewGuid();
        await queue.EnqueueAsync(document, Token);
        await queue.EnqueueAsync(Guid.NewGuid(), Token);
        Assert.True(await queue.YieldAsync((await queue.ClaimNextAsync("worker-1", LongLease, Token))!, TimeSpan.FromSeconds(3), Token));
        await queue.ClaimNextAsync("worker-1", LongLease, Token);
        var continued = (await queue.ClaimNextAsync("dying-worker", ShortLease, Token))!;
        LetShortLeasesRunOut();

        Assert.Equal(new IngestionJob(document, 1, "dying-worker", 1, TimeSpan.FromSeconds(3)), continued);
        Assert.Equal(new IngestionJob(document, 2, "worker-2"), await queue.ClaimNextAsync("worker-2", LongLease, Token));
    }

    [Fact]
    public async Task A_released_job_goes_behind_the_waiting_ones_and_is_claimed_with_the_next_attempt()
    {
        var queue = OpenQueue();
        var (failing, waiting) = (Guid.NewGuid(), Guid.NewGuid());
        await queue.EnqueueAsync(failing, Token);
        await queue.EnqueueAsync(waiting, Token);
        var failed = (await queue.ClaimNextAsync("worker-1", LongLease, Token))!;

        await queue.ReleaseAsync(failed, Token);

        Assert.Equal(2, await queue.CountAsync(Token));
        Assert.Equal(new IngestionJob(waiting, 1, "worker-1"), await queue.ClaimNextAsync("worker-1", LongLease, Token));
        Assert.Equal(new IngestionJob(failing, 2, "worker-2"), await queue.ClaimNextAsync("worker-2", LongLease, Token));
    }

    [Fact]
    public async Task Removing_deletes_the_job_whatever_its_state()
    {
        var queue = OpenQueue();
        var pending = Guid.NewGuid();
        var running = Guid.NewGuid();
        await queue.EnqueueAsync(running, Token);
        await queue.EnqueueAsync(pending, Token);
        var job = (await queue.ClaimNextAsync("worker-1", LongLease, Token))!;

        await queue.RemoveAsync(pending, Token);
        await queue.RemoveAsync(running, Token);

        Assert.Equal(0, await queue.CountAsync(Token));
        Assert.False(await queue.RenewLeaseAsync(job, LongLease, Token));
        Assert.Null(await queue.ClaimNextAsync("worker-2", LongLease, Token));
    }

    [Fact]
    public async Task Count_includes_pending_and_running_jobs()
    {
        var queue = OpenQueue();
        for (var i = 0; i < 3; i++)
        {
            await queue.EnqueueAsync(Guid.NewGuid(), Token);
        }

        await queue.ClaimNextAsync("worker-1", LongLease, Token);

        Assert.Equal(3, await queue.CountAsync(Token));
    }

    [Fact]
    public async Task Concurrent_claimers_never_get_the_same_job()
    {
        const int Jobs = 60;
        var queue = OpenQueue();
        var documents = Enumerable.Range(0, Jobs).Select(_ => Guid.NewGuid()).ToList();
        foreach (var document in documents)
        {
            await queue.EnqueueAsync(document, Token);
        }

        // Eight workers, each on its own queue instance (as separate processes would be), start
        // together and claim until the queue is dry.
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var own = OpenQueue();
            var claimed = new List<IngestionJob>();
            start.Wait(Token);
            while (await own.ClaimNextAsync($"worker-{worker}", LongLease, Token) is { } job)
            {
                claimed.Add(job);
            }

            return claimed;
        }, Token)).ToList();
        start.Set();
        var claims = (await Task.WhenAll(workers)).SelectMany(claimed => claimed).ToList();

        Assert.Equal(documents.Order(), claims.Select(job => job.DocumentId).Order());
        Assert.All(claims, job => Assert.Equal(1, job.Attempt));
    }
}
