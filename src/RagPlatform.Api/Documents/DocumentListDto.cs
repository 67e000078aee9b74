namespace RagPlatform.Api.Documents;

/// <summary>A page of the document list, newest first.</summary>
public sealed record DocumentListDto(IReadOnlyList<DocumentDto> Documents, int Skip, int Take);
