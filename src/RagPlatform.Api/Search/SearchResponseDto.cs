namespace RagPlatform.Api.Search;

/// <summary>Ranked hits. <see cref="Mode"/>: hybrid, dense or lexical; <see cref="Notice"/> says why
/// results may be poorer than usual (dense search off), or is null.</summary>
public sealed record SearchResponseDto(string Mode, string? Notice, IReadOnlyList<SearchHitDto> Hits);
