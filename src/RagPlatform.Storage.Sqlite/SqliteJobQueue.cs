using Microsoft.Data.Sqlite;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Storage.Sqlite;

/// <summary>The ingestion queue as a table. A claim is one UPDATE ... RETURNING statement, which
/// SQLite runs under its single write lock: two claimers, in this process or another, can never take
/// the same job. Ownership is (worker id, attempt): every claim increments the attempt, except the
/// claim that continues a job which yielded its worker (same attempt, next turn). Workers of this
/// process are woken at once; those of another process find new jobs at their next poll.</summary>
internal sealed class SqliteJobQueue(SqliteDatabase database, TimeProvider clock) : IJobQueue
{

    private const string Pending = "pending";
    private const string Running = "running";

    // Later than every job queued so far, even ones queued within the same clock tick.
    private const string BehindEveryJob = "MAX(@now, (SELECT MAX(enqueued_at) + 1 FROM jobs))";

    public async Task EnqueueAsync(Guid documentId, CancellationToken cancellationToken)
    {
        // Re-enqueueing starts the document over: a fresh first attempt. A worker still busy with
        // the old run loses ownership (its renewals fail) unless it wins the new claim itself.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, """
            INSERT INTO jobs (document_id, status, attempt, worker_id, lease_expires_at, enqueued_at)
            VALUES (@document, @pending, 0, NULL, NULL, @now)
            ON CONFLICT (document_id) DO UPDATE SET
                status = excluded.status, attempt = 0, worker_id = NULL,
                lease_expires_at = NULL, enqueued_at = excluded.enqueued_at,
                continues = 0, turn = 0, worked_ticks = 0
            """)
            .With("@document", documentId)
            .With("@pending", Pending)
            .With("@now", clock.GetUtcNow().ToTicks());
        await command.ExecuteNonQueryAsync(cancellationToken);
        database.JobsQueued.Notify();
    }

    public async Task EnqueueAfterAsync(Guid documentId, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        // A running job of no worker whose lease ends at notBefore: no renewal can match it, and a
        // claim takes it once the lease has ended, as a fresh first attempt.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, """
            INSERT INTO jobs (document_id, status, attempt, worker_id, lease_expires_at, enqueued_at)
            VALUES (@document, @running, 0, NULL, @not_before, @now)
            ON CONFLICT (document_id) DO UPDATE SET
                status = excluded.status, attempt = 0, worker_id = NULL,
                lease_expires_at = excluded.lease_expires_at, enqueued_at = excluded.enqueued_at,
                continues = 0, turn = 0, worked_ticks = 0
            """)
            .With("@document", documentId)
            .With("@running", Running)
            .With("@not_before", notBefore.ToTicks())
            .With("@now", clock.GetUtcNow().ToTicks());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IngestionJob?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, """
            UPDATE jobs SET status = @running, attempt = attempt + 1 - continues,
                turn = CASE continues WHEN 1 THEN turn + 1 ELSE 0 END,
                worked_ticks = CASE continues WHEN 1 THEN worked_ticks ELSE 0 END,
                continues = 0, worker_id = @worker, lease_expires_at = @expires
            WHERE document_id = (
                SELECT document_id FROM jobs
                WHERE status = @pending OR (status = @running AND lease_expires_at <= @now)
                ORDER BY enqueued_at, rowid
                LIMIT 1)
            RETURNING document_id, attempt, turn, worked_ticks
            """)
            .With("@running", Running)
            .With("@pending", Pending)
            .With("@worker", workerId)
            .With("@now", now.ToTicks())
            .With("@expires", (now + lease).ToTicks());
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
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, """
            UPDATE jobs SET lease_expires_at = @expires
            WHERE document_id = @document AND status = @running AND worker_id = @worker AND attempt = @attempt
            """)
            .With("@expires", (clock.GetUtcNow() + lease).ToTicks())
            .With("@running", Running);
        BindOwner(command, job);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<bool> YieldAsync(IngestionJob job, TimeSpan worked, CancellationToken cancellationToken) =>
        PutBackAsync(job, worked, onlyWhenOthersWait: true, cancellationToken);

    public Task PauseAsync(IngestionJob job, TimeSpan worked, CancellationToken cancellationToken) =>
        PutBackAsync(job, worked, onlyWhenOthersWait: false, cancellationToken);

    private async Task<bool> PutBackAsync(IngestionJob job, TimeSpan worked, bool onlyWhenOthersWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, $"""
            UPDATE jobs SET status = @pending, continues = 1, worked_ticks = @worked, worker_id = NULL,
                lease_expires_at = NULL, enqueued_at = {BehindEveryJob}
            WHERE document_id = @document AND status = @running AND worker_id = @worker AND attempt = @attempt
              AND (@always = 1 OR EXISTS (
                  SELECT 1 FROM jobs AS other
                  WHERE other.document_id <> @document
                    AND (other.status = @pending OR (other.status = @running AND other.lease_expires_at <= @now))))
            """)
            .With("@pending", Pending)
            .With("@running", Running)
            .With("@worked", worked.Ticks)
            .With("@always", onlyWhenOthersWait ? 0 : 1)
            .With("@now", clock.GetUtcNow().ToTicks());
        BindOwner(command, job);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, $"""
            UPDATE jobs SET status = @pending, continues = 0, worker_id = NULL, lease_expires_at = NULL,
                enqueued_at = {BehindEveryJob}
            WHERE document_id = @document AND status = @running AND worker_id = @worker AND attempt = @attempt
            """)
            .With("@pending", Pending)
            .With("@running", Running)
            .With("@now", clock.GetUtcNow().ToTicks());
        BindOwner(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
        database.JobsQueued.Notify();
    }

    public async Task CompleteAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        // Only the owner removes the job: a worker whose lease expired and was taken over must not
        // delete the job from under its new owner.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, """
            DELETE FROM jobs
            WHERE document_id = @document AND status = @running AND worker_id = @worker AND attempt = @attempt
            """).With("@running", Running);
        BindOwner(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, "DELETE FROM jobs WHERE document_id = @document")
            .With("@document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, "SELECT COUNT(*) FROM jobs");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        database.JobsQueued.WaitAsync(timeout, cancellationToken);

    /// <summary>Queues the first job of a document just inserted on <paramref name="connection"/>,
    /// inside the caller's transaction: the document store's add, so that a row never exists
    /// without its job. The caller wakes the workers (<see cref="SqliteDatabase.JobsQueued"/>) after
    /// committing.</summary>
    internal static async Task QueueNewDocumentAsync(SqliteConnection connection, SqliteTransaction transaction, Guid documentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction, """
            INSERT INTO jobs (document_id, status, attempt, worker_id, lease_expires_at, enqueued_at)
            VALUES (@document, @pending, 0, NULL, NULL, @now)
            """)
            .With("@document", documentId)
            .With("@pending", Pending)
            .With("@now", now.ToTicks());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void BindOwner(Microsoft.Data.Sqlite.SqliteCommand command, IngestionJob job) =>
        command.With("@document", job.DocumentId).With("@worker", job.WorkerId).With("@attempt", job.Attempt);
}
