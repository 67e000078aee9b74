namespace RagPlatform.Api.Documents;

/// <summary>The answer to an upload: every file was accepted and queued.</summary>
public sealed record UploadResponseDto(IReadOnlyList<UploadResultDto> Documents);
