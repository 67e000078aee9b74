namespace RagPlatform.Cli.Eval;

/// <summary>A hit as the report shows it: where it is and whether it was judged relevant.</summary>
/// <param name="Document">Dataset file name (or the server's name for a document outside the dataset).</param>
internal sealed record JudgedHit(int Rank, string Document, int Page, string Modality, bool Relevant, double Score);
