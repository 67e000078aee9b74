namespace RagPlatform.Core.Ingestion;

/// <summary>A claimed unit of work: ingest one document.</summary>
/// <param name="Attempt">1 on the first claim; a job whose worker died is claimed again with the next number.</param>
public sealed record IngestionJob(Guid DocumentId, int Attempt, string WorkerId);
