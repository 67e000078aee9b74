namespace RagPlatform.Cli.Eval;

/// <summary>A corpus file that is not searchable: refused at upload or failed in ingestion.</summary>
internal sealed record FailedDocument(string Document, string Reason);
