namespace RagPlatform.Core.Search;

/// <summary>Ranked hits and how they were found.</summary>
/// <param name="Mode">"hybrid", "dense" or "lexical": the retrievers that ran.</param>
/// <param name="Notice">Why the results may be poorer than usual (dense search off), or null.</param>
public sealed record SearchResponse(IReadOnlyList<SearchHit> Hits, string Mode, string? Notice);
