namespace RagPlatform.Cli.Eval;

/// <summary>The corpus as the server holds it after upload and ingestion.</summary>
/// <param name="NamesById">Dataset file names of each server document (two files with the same
/// bytes are one document).</param>
/// <param name="Uploaded">Files sent and ingested in this run (including replaced ones).</param>
/// <param name="Reused">Files the server already held and that were used as they were (--reuse).</param>
/// <param name="Failed">Files refused at upload or failed in ingestion, with the server's reason.</param>
internal sealed record UploadedDataset(
    IReadOnlyDictionary<Guid, IReadOnlyCollection<string>> NamesById,
    int Uploaded,
    int Reused,
    IReadOnlyList<FailedDocument> Failed);
