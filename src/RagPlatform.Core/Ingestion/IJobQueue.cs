namespace RagPlatform.Core.Ingestion;

/// <summary>The ingestion queue. A claim is a lease: a worker that dies stops renewing it, and the
/// job becomes claimable again when it expires.</summary>
public interface IJobQueue
{
    /// <summary>Adds a job; adding one for a document that already has one resets it to pending.</summary>
    Task EnqueueAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Adds a job (or resets the document's job) that no worker claims before
    /// <paramref name="notBefore"/>: the content was replaced while a worker of another process held
    /// a lease on the old content, and that worker may write until its lease ends.</summary>
    Task EnqueueAfterAsync(Guid documentId, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>Claims the oldest pending job, or a running one whose lease expired. Null when none.</summary>
    Task<IngestionJob?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease. False when the job is no longer this worker's (it expired and
    /// another claimed it, or it was deleted): the worker must stop working on it.</summary>
    Task<bool> RenewLeaseAsync(IngestionJob job, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Lets other documents go first: when another job is waiting, puts this one back at
    /// the end of the queue, keeping its attempt, and returns true; the next claim continues it
    /// (<see cref="IngestionJob.Turn"/> + 1, with <paramref name="worked"/> as its
    /// <see cref="IngestionJob.Worked"/>). Returns false, changing nothing, when nothing waits or the
    /// job is no longer this worker's.</summary>
    Task<bool> YieldAsync(IngestionJob job, TimeSpan worked, CancellationToken cancellationToken);

    /// <summary>Puts the job back at the end of the queue keeping its attempt, whether or not others
    /// wait: the work stopped for a reason that is not the document's (the storage is full), so it
    /// costs no attempt; the next claim continues it like a yielded job.</summary>
    Task PauseAsync(IngestionJob job, TimeSpan worked, CancellationToken cancellationToken);

    /// <summary>Gives up a failed attempt's claim at once: the job goes to the end of the queue and
    /// its next claim is the next attempt, from the first page.</summary>
    Task ReleaseAsync(IngestionJob job, CancellationToken cancellationToken);

    /// <summary>Removes a finished job (indexed or failed for good).</summary>
    Task CompleteAsync(IngestionJob job, CancellationToken cancellationToken);

    /// <summary>Removes the job of a document whatever its state (the document is being deleted).</summary>
    Task RemoveAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Pending plus running jobs.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Returns when a job may have become claimable (one was queued or put back, by this
    /// process at once, by another as soon as the backend can tell) or when <paramref name="timeout"/>
    /// has passed, whichever comes first; an idle worker calls it between claims. A wake-up is a
    /// hint, not a promise: the next claim may still find nothing.</summary>
    Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
