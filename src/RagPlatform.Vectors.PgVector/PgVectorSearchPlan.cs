using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.PgVector;

/// <summary>How one search runs: the HNSW candidate list size, and what keeps a search from
/// returning fewer than k hits when the first candidates are filtered out (by the WHERE clause, or
/// as dead rows of replaced and deleted vectors not yet vacuumed).</summary>
/// <param name="EfSearch">pgvector's <c>hnsw.ef_search</c> for this search (1 to 1000).</param>
/// <param name="IterativeScan">Sets <c>hnsw.iterative_scan = relaxed_order</c> (pgvector 0.8+): the
/// index scan goes on until k rows pass the filter, in nearly sorted order (re-sorted after).</param>
/// <param name="ExactScan">Turns index scans off (<c>enable_indexscan = off</c>): an exact scan for
/// servers whose pgvector has no iterative scans.</param>
internal readonly record struct PgVectorSearchPlan(int EfSearch, bool IterativeScan, bool ExactScan)
{
    /// <summary>pgvector's upper bound of <c>hnsw.ef_search</c>.</summary>
    public const int MaxEfSearch = 1000;

    public static PgVectorSearchPlan For(int limit, SearchFilter filter, bool hasIterativeScan, int configuredEfSearch)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var filtered = filter.Modalities.Count > 0 || filter.DocumentIds.Count > 0 || filter.Collection is not null;
        // The graph search returns at most ef_search rows: never fewer than asked for when it can.
        var ef = Math.Clamp(Math.Max(configuredEfSearch, limit), 1, MaxEfSearch);
        if (hasIterativeScan)
        {
            // Always on where supported: it costs nothing while the first ef candidates suffice,
            // and without it dead rows or a filter silently shorten the answer.
            return new PgVectorSearchPlan(ef, IterativeScan: true, ExactScan: false);
        }

        return new PgVectorSearchPlan(ef, IterativeScan: false, ExactScan: filtered || limit > ef);
    }
}
