namespace RagPlatform.Api.Status;

/// <summary>Dense search state; <see cref="Reason"/> says what to do when it is off.</summary>
public sealed record DenseStatusDto(bool Available, string? Reason, int? Dimensions);
