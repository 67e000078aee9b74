using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Ingestion;

/// <summary>Settings of the ingestion workers (appsettings section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions : IValidatableObject
{
    public const string Section = "Ingestion";

    /// <summary>Workers run by this process. 0 runs none (an API that only serves queries).</summary>
    [Range(0, 64)]
    public int Workers { get; set; } = 1;

    /// <summary>Attempts before a document that keeps crashing its worker is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a claim lasts without a heartbeat; a dead worker's job is retried after it.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Pause between queue polls when the queue is empty.</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>Wall-clock time one document may take, over all its turns: extraction, OCR and
    /// embedding together. A document that takes longer fails with this limit as its reason.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DocumentTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Pages a worker reads of one document before it lets the documents queued behind it
    /// go first (the document then continues after them): one long document never holds a worker
    /// while others wait. Nothing changes when nothing waits.</summary>
    [Range(1, 1_000_000)]
    public int PagesPerTurn { get; set; } = 20;

    /// <summary>How long a deleted document's tombstone outlives the later of its deletion and the
    /// lease a worker then held on its job, before it is pruned (also how often pruning runs). It
    /// must exceed the lease: a worker notices the delete only when its next renewal fails, and the
    /// writes it makes until then must still be refused.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "30.00:00:00")]
    public TimeSpan TombstoneGrace { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TombstoneGrace <= Lease)
        {
            yield return new ValidationResult(
                $"must be longer than the lease ({Lease}, {nameof(LeaseSeconds)}): a worker may write until it next fails to renew its lease.",
                [nameof(TombstoneGrace)]);
        }
    }
}
