using Microsoft.Extensions.Logging;
using Npgsql;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Storage.Postgres;

/// <summary>The ingestion queue as a table. A claim is one UPDATE whose subquery picks the oldest
/// claimable job FOR UPDATE SKIP LOCKED: claimers in any number of processes never wait for each
/// other and never take the same job. Ownership is (worker id, attempt): every claim increments the
/// attempt, except the claim that continues a job which yielded its worker (same attempt, next turn).
/// Leases are computed from the injected clock, never the server's. Enqueue and release wake the
/// workers of this process at once and NOTIFY those of other processes
/// (<see cref="JobNotificationListener"/>).</summary>
internal sealed class PostgresJobQueue : IJobQueue, IDisposable, IAsyncDisposable
{
    private const string Pending = "pending";
    private const string Running = "running";

    private const string Owned = "document_id = @document AND status = 'running' AND worker_id = @worker AND attempt = @attempt";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly IngestionSignal _wakeUp = new();
    private readonly JobNotificationListener _listener;

    // Tells this instance's own notifications apart from those of other processes.
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public PostgresJobQueue(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<PostgresJobQueue> logger)
    {
        _dataSource = dataSource;
        _clock = clock;
        _listener = new JobNotificationListener(dataSource, _instance, _wakeUp.Notify, logger);
    }

    public async Task EnqueueAsync(Guid documentId, CancellationToken cancellationToken)
    {
        // Re-enqueueing starts the document over: a fresh first attempt. A worker still busy with
        // the old run loses ownership (its renewals fail) unless it wins the new claim itself.
        await UpsertAsync(documentId, Pending, leaseExpiresAt: null, cancellationToken);
        _wakeUp.Notify();
    }

    public Task EnqueueAfterAsync(Guid documentId, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        // A running job of no worker whose lease ends at notBefore: no renewal can match it, and a
        // claim takes it once the lease has ended, as a fresh first attempt.
        UpsertAsync(documentId, Running, notBefore, cancellationToken);

    public async Task<IngestionJob?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _clock.GetUtcNow();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            UPDATE jobs SET status = 'running',
                attempt = CASE WHEN continues THEN attempt ELSE attempt + 1 END,
                turn = CASE WHEN continues THEN turn + 1 ELSE 0 END,
                worked_ticks = CASE WHEN continues THEN worked_ticks ELSE 0 END,
                continues = false, worker_id = @worker, lease_expires_at = @expires
            WHERE document_id = (
                SELECT document_id FROM jobs
                WHERE status = 'pending' OR (status = 'running' AND lease_expires_at <= @now)
                ORDER BY position
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING document_id, attempt, turn, worked_ticks
            """)
            .With("worker", workerId)
            .WithInstant("now", now)
            .WithInstant("expires", now + lease);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new IngestionJob(reader.GetGuid(0), reader.GetInt32(1), workerId, reader.GetInt32(2), TimeSpan.FromTicks(reader.GetInt64(3)))
            : null;
    }

    public async Task<bool> RenewLeaseAsync(IngestionJob job, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        // A lease that ran out but was not claimed by anyone else is still this worker's to renew.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"UPDATE jobs SET lease_expires_at = @expires WHERE {Owned}")
            .WithInstant("expires", _clock.GetUtcNow() + lease)
            .WithOwner(job);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<bool> YieldAsync(IngestionJob job, TimeSpan worked, CancellationToken cancellationToken) =>
        PutBackAsync(job, worked, onlyWhenOthersWait: true, cancellationToken);

    public Task PauseAsync(IngestionJob job, TimeSpan worked, CancellationToken cancellationToken) =>
        PutBackAsync(job, worked, onlyWhenOthersWait: false, cancellationToken);

    public async Task ReleaseAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            UPDATE jobs SET status = 'pending', continues = false, worker_id = NULL, lease_expires_at = NULL,
                position = nextval('job_positions')
            WHERE {Owned};
            SELECT pg_notify('{JobNotificationListener.Channel}', @instance);
            """)
            .WithOwner(job)
            .With("instance", _instance);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _wakeUp.Notify();
    }

    public async Task CompleteAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        // Only the owner removes the job: a worker whose lease expired and was taken over must not
        // delete the job from under its new owner.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"DELETE FROM jobs WHERE {Owned}").WithOwner(job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM jobs WHERE document_id = @document").With("document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT count(*)::integer FROM jobs");
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var listening = _listener.StartAsync();
        if (!listening.IsCompleted)
        {
            // Listening starts with the first wait; until it does, a notification could be missed.
            try
            {
                await listening.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                return;
            }
        }

        var left = timeout == Timeout.InfiniteTimeSpan ? timeout : timeout - TimeProvider.System.GetElapsedTime(started);
        if (left == Timeout.InfiniteTimeSpan || left > TimeSpan.Zero)
        {
            await _wakeUp.WaitAsync(left, cancellationToken);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        _wakeUp.Dispose();
    }

    private async Task<bool> PutBackAsync(IngestionJob job, TimeSpan worked, bool onlyWhenOthersWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            UPDATE jobs SET status = 'pending', continues = true, worked_ticks = @worked, worker_id = NULL,
                lease_expires_at = NULL, position = nextval('job_positions')
            WHERE {Owned}
              AND (@always OR EXISTS (
                  SELECT 1 FROM jobs AS other
                  WHERE other.document_id <> @document
                    AND (other.status = 'pending' OR (other.status = 'running' AND other.lease_expires_at <= @now))))
            """)
            .WithOwner(job)
            .With("worked", worked.Ticks)
            .With("always", !onlyWhenOthersWait)
            .WithInstant("now", _clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Queues the first job of a document just inserted on <paramref name="connection"/>,
    /// inside the caller's transaction (the document store's add: a row never exists without its
    /// job), and wakes idle workers of every process, this one included, when it commits.</summary>
    internal static async Task QueueNewDocumentAsync(NpgsqlConnection connection, Guid documentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand($"""
            INSERT INTO jobs (document_id, status, attempt, worker_id, lease_expires_at, position, enqueued_at)
            VALUES (@document, '{Pending}', 0, NULL, NULL, nextval('job_positions'), @now);
            SELECT pg_notify('{JobNotificationListener.Channel}', 'document-store');
            """)
            .With("document", documentId)
            .WithInstant("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task UpsertAsync(Guid documentId, string status, DateTimeOffset? leaseExpiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // A pending job wakes the workers of other processes (NOTIFY is sent when the statement's
        // transaction commits); a job held back until notBefore would only wake them in vain.
        await using var command = connection.CreateCommand($"""
            INSERT INTO jobs (document_id, status, attempt, worker_id, lease_expires_at, position, enqueued_at)
            VALUES (@document, @status, 0, NULL, @lease, nextval('job_positions'), @now)
            ON CONFLICT (document_id) DO UPDATE SET
                status = excluded.status, attempt = 0, worker_id = NULL,
                lease_expires_at = excluded.lease_expires_at, position = excluded.position,
                enqueued_at = excluded.enqueued_at, continues = false, turn = 0, worked_ticks = 0;
            SELECT pg_notify('{JobNotificationListener.Channel}', @instance) WHERE @status = '{Pending}';
            """)
            .With("document", documentId)
            .With("status", status)
            .WithNullable("lease", leaseExpiresAt?.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz)
            .WithInstant("now", _clock.GetUtcNow())
            .With("instance", _instance);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
