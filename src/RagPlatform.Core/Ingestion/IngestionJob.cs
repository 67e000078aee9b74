namespace RagPlatform.Core.Ingestion;

/// <summary>A claimed unit of work: ingest one document, or the next pages of it.</summary>
/// <param name="Attempt">1 on the first claim; counted (and stored) when the job is claimed, before
/// any work starts, so a document whose attempts kill the worker process still runs out of them. A
/// job whose worker died or failed is claimed again with the next number.</param>
/// <param name="Turn">0 when the attempt starts from the first page; n when the attempt yielded its
/// worker n times to documents queued behind it and this claim continues where it stopped.</param>
/// <param name="Worked">Time the earlier turns of this attempt spent working (queue waits excluded).</param>
public sealed record IngestionJob(Guid DocumentId, int Attempt, string WorkerId, int Turn = 0, TimeSpan Worked = default);
