using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Search;

/// <summary>Settings of the query side (appsettings section <c>Search</c>).</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    [Range(1, 1000)]
    public int DefaultLimit { get; set; } = 20;

    [Range(1, 1000)]
    public int MaxLimit { get; set; } = 100;

    /// <summary>Longest accepted text query, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxQueryLength { get; set; } = 2000;

    /// <summary>The k of reciprocal rank fusion, 1 / (k + rank): larger k flattens the head of each list.
    /// 60 is the value of the original paper (Cormack et al., 2009).</summary>
    [Range(1, 10_000)]
    public int RrfK { get; set; } = 60;

    /// <summary>Candidates taken from each retriever per requested hit before fusion.</summary>
    [Range(1, 100)]
    public int CandidatesPerHit { get; set; } = 3;
}
