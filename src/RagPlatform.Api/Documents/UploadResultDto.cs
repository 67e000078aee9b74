namespace RagPlatform.Api.Documents;

/// <summary>What happened to one file of an upload.</summary>
/// <param name="Status">The HTTP status this file alone would have had: 202 accepted or replaced,
/// 200 duplicate or unchanged, 4xx rejected.</param>
/// <param name="Detail">Why a file was rejected; null otherwise.</param>
/// <param name="Duplicate">True when the same bytes were uploaded before and
/// <paramref name="Document"/> is that earlier document.</param>
/// <param name="Document">The document the file is now; null when rejected.</param>
public sealed record UploadResultDto(string FileName, UploadOutcome Outcome, int Status, string? Detail, bool Duplicate, DocumentDto? Document);
