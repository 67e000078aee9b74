using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Postgres;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Infrastructure.Tests.Postgres;

public sealed class PostgresJobQueueTests(PostgresServer server) : JobQueueScenarios, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly List<PostgresJobQueue> _queues = [];
    private TestDatabase? _database;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Only a server queue does this (LISTEN/NOTIFY); SQLite's workers of another process
    /// find new jobs at their next poll.</summary>
    [Fact]
    public async Task An_idle_worker_is_woken_by_a_job_queued_in_another_process() =>
        await AssertWokenByAJobQueuedElsewhereAsync(OpenQueue(), OpenQueue());

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync(Token);

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            await queue.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override IJobQueue OpenQueue()
    {
        var queue = new PostgresJobQueue(_database!.OpenDataSource(), Clock, NullLogger<PostgresJobQueue>.Instance);
        lock (_queues)
        {
            _queues.Add(queue);
        }

        return queue;
    }

    [Fact]
    public async Task A_claim_skips_a_job_another_connection_holds_locked_instead_of_waiting_or_taking_it()
    {
        var queue = OpenQueue();
        var (locked, next) = (Guid.NewGuid(), Guid.NewGuid());
        await queue.EnqueueAsync(locked, Token);
        await queue.EnqueueAsync(next, Token);

        // Another claimer, mid-claim: its transaction holds the oldest job's row.
        await using var other = await _database!.OpenDataSource().OpenConnectionAsync(Token);
        await using var transaction = await other.BeginTransactionAsync(Token);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM jobs WHERE document_id = @document FOR UPDATE", other, transaction))
        {
            lockRow.Parameters.AddWithValue("document", locked);
            await lockRow.ExecuteNonQueryAsync(Token);
        }

        var claimed = await queue.ClaimNextAsync("worker-1", Lease, Token).WaitAsync(TimeSpan.FromMinutes(1), Token);
        var nothingLeft = await queue.ClaimNextAsync("worker-2", Lease, Token).WaitAsync(TimeSpan.FromMinutes(1), Token);
        await transaction.RollbackAsync(Token);

        Assert.Equal(new IngestionJob(next, 1, "worker-1"), claimed);
        Assert.Null(nothingLeft);
        Assert.Equal(new IngestionJob(locked, 1, "worker-2"), await queue.ClaimNextAsync("worker-2", Lease, Token));
    }

    [Fact]
    public async Task An_idle_worker_whose_listening_connection_was_killed_listens_again_and_is_woken()
    {
        var idle = OpenQueue();
        var other = OpenQueue();
        await idle.WaitForWorkAsync(TimeSpan.FromMinutes(2), Token);
        await using (var admin = _database!.OpenDataSource().CreateCommand(
            $"SELECT count(pg_terminate_backend(pid))::integer FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{JobNotificationListener.ApplicationName}'"))
        {
            Assert.Equal(1, (int)(await admin.ExecuteScalarAsync(Token))!);
        }

        // The listener notices the broken connection, connects again and wakes its workers once
        // (jobs queued meanwhile told no one); from then on, a job queued elsewhere wakes them.
        await AssertWokenByAJobQueuedElsewhereAsync(idle, other);
    }

    [Fact]
    public async Task No_job_is_queued_for_a_document_whose_deletion_began()
    {
        var dataSource = _database!.OpenDataSource();
        var store = new PostgresDocumentStore(dataSource);
        var document = await store.AddAsync(Samples.Document(), Token);
        await store.BeginDeletionAsync(document.Id, Token);
        var queue = OpenQueue();

        await queue.EnqueueAsync(document.Id, Token);
        await queue.EnqueueAfterAsync(document.Id, Clock.GetUtcNow(), Token);

        Assert.Equal(0, await queue.CountAsync(Token));
    }
}
