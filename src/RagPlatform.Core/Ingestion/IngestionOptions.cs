using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Ingestion;

/// <summary>Settings of the ingestion workers (appsettings section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
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

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
