namespace RagPlatform.Core.Documents;

/// <summary>An uploaded file and its ingestion state.</summary>
/// <param name="Sha256">Lower-case hex digest of the original bytes; identical uploads share it.</param>
/// <param name="PagesTotal">0 until extraction has opened the file.</param>
/// <param name="Error">Human-readable reason when <paramref name="Status"/> is Failed.</param>
/// <param name="Collection">The collection it belongs to (<see cref="CollectionName"/>); fixed at upload.</param>
public sealed record Document(
    Guid Id,
    string FileName,
    string MediaType,
    DocumentKind Kind,
    long SizeBytes,
    string Sha256,
    DocumentStatus Status,
    string? Error,
    int PagesTotal,
    int PagesDone,
    int ItemCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Collection);
