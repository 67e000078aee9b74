namespace RagPlatform.Api.Status;

/// <summary>Whether text inside images is read (OCR); <see cref="Reason"/> says what to do when not.</summary>
public sealed record OcrStatusDto(bool Available, string? Reason);
