namespace RagPlatform.Api.Status;

/// <summary>Whether the text hits at the head of a result list are re-ranked by a cross-encoder;
/// <see cref="Reason"/> says why not (not configured, or the model cannot be loaded).</summary>
public sealed record RerankingStatusDto(bool Enabled, string? Reason, int? TopN);
