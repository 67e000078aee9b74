namespace RagPlatform.Api.Documents;

/// <summary>One accepted file. <see cref="Duplicate"/>: the same bytes were uploaded before, and
/// <see cref="Document"/> is that earlier document.</summary>
public sealed record UploadResultDto(string FileName, bool Duplicate, DocumentDto Document);
