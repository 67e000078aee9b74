using Microsoft.Extensions.Time.Testing;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>When the deletion fence's tombstones may go (<see cref="IDeletionTombstones"/>): never
/// while a worker may still hold the lease of the document's job or its delete is unfinished, and a
/// grace period after that. A subclass per engine supplies store, queue and tombstones over one
/// database, on the test's clock.</summary>
public abstract class DeletionTombstoneScenarios
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract IDocumentStore OpenStore();

    protected abstract IJobQueue OpenQueue();

    protected abstract IDeletionTombstones OpenTombstones();

    protected abstract Task<bool> HasTombstoneAsync(Guid documentId);

    [Fact]
    public async Task A_tombstone_outlives_the_lease_of_the_job_it_stopped_by_the_grace_period_and_refuses_late_writes_until_then()
    {
        var store = OpenStore();
        var queue = OpenQueue();
        await using var disposeQueue = queue as IAsyncDisposable;
        var document = await store.AddAsync(Samples.Document(), Token);
        var running = await queue.ClaimNextAsync("worker-1", Lease, Token);
        var leaseEnd = Clock.GetUtcNow() + Lease;
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await store.BeginDeletionAsync(document.Id, Token));
        Assert.True(await store.DeleteAsync(document.Id, Token));

        // A grace period after the delete, the worker's lease still ran: its tombstone stays.
        Clock.Advance(Grace);
        Assert.Equal(0, await PruneAsync());
        await store.SavePageAsync(Samples.Page(document.Id, 1), [Samples.TextItem(document.Id, 1, 0, "late write")], Token);
        Assert.Empty(await store.GetPagesAsync(document.Id, Token));
        Assert.True(await HasTombstoneAsync(document.Id));

        // The job is over for its worker (its next renewal fails, so it stops), yet it may write
        // until about its lease end: the tombstone goes only a grace period after that.
        Assert.False(await queue.RenewLeaseAsync(running!, Lease, Token));
        Clock.SetUtcNow(leaseEnd + Grace - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await PruneAsync());
        Assert.True(await HasTombstoneAsync(document.Id));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await PruneAsync());
        Assert.False(await HasTombstoneAsync(document.Id));
    }

    [Fact]
    public async Task A_tombstone_of_a_document_deleted_while_queued_goes_a_grace_period_after_the_delete_and_no_other_with_it()
    {
        var store = OpenStore();
        var deleted = await store.AddAsync(Samples.Document("deleted.pdf"), Token);
        Assert.True(await store.BeginDeletionAsync(deleted.Id, Token));
        Assert.True(await store.DeleteAsync(deleted.Id, Token));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await store.AddAsync(Samples.Document("later.pdf"), Token);
        Assert.True(await store.BeginDeletionAsync(later.Id, Token));
        Assert.True(await store.DeleteAsync(later.Id, Token));

        Clock.Advance(Grace - TimeSpan.FromMinutes(5));

        Assert.Equal(1, await PruneAsync());
        Assert.False(await HasTombstoneAsync(deleted.Id));
        Assert.True(await HasTombstoneAsync(later.Id));
    }

    [Fact]
    public async Task An_unfinished_delete_keeps_its_tombstone_however_old_so_the_document_never_comes_back()
    {
        var store = OpenStore();
        var document = await store.AddAsync(Samples.Document(), Token);
        Assert.True(await store.BeginDeletionAsync(document.Id, Token));

        Clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(0, await PruneAsync());
        Assert.True(await HasTombstoneAsync(document.Id));
        Assert.Null(await store.GetAsync(document.Id, Token));
        Assert.Empty(await store.ListAsync(null, 0, 10, Token));
    }

    private Task<int> PruneAsync() => OpenTombstones().PruneAsync(Clock.GetUtcNow() - Grace, Token);
}
