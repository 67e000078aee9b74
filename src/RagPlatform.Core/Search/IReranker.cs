namespace RagPlatform.Core.Search;

/// <summary>A second-stage scorer that reads the query and a candidate passage together (a
/// cross-encoder), applied to the head of the fused list. Optional: when
/// <see cref="IsEnabled"/> is false the fused order stands.</summary>
public interface IReranker
{
    bool IsEnabled { get; }

    /// <summary>Why re-ranking is off (not configured, or the model cannot be loaded); null when enabled.</summary>
    string? DisabledReason { get; }

    /// <summary>How many of the first fused hits are offered for re-ranking (only those with text are scored).</summary>
    int TopN { get; }

    /// <returns>One relevance score per passage, in the passages' order; higher is more relevant.
    /// Scores are comparable within one call only.</returns>
    Task<IReadOnlyList<double>> ScoreAsync(string query, IReadOnlyList<string> passages, CancellationToken cancellationToken);
}
