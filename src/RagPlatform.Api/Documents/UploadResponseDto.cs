namespace RagPlatform.Api.Documents;

/// <summary>The answer to an upload: every file of the request, in order, with its outcome.</summary>
public sealed record UploadResponseDto(IReadOnlyList<UploadResultDto> Documents);
