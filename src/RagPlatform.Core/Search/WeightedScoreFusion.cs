namespace RagPlatform.Core.Search;

/// <summary>Score fusion on calibrated scores:
/// <code>
///   final(d)   = DenseWeight · dense(d) + LexicalWeight · lexical(d)
///   dense(d)   = max over the dense lists L that hold d of  1 / (1 + e^(−(cos_L(d) − μ[q_L→m_d]) / σ))
///   lexical(d) = bm25(d) / max over the query's lexical hits of bm25
/// </code>
/// where q_L is the modality of L's query, m_d that of the item, μ (per pair) and σ (one for all
/// pairs) from <see cref="DenseCalibration"/> (a list of the text space brings its own:
/// <see cref="DenseList.Calibration"/>); a part is 0 when its retriever did not return d. Both parts lie in
/// [0, 1]. BM25 is normalised by the query's best BM25 because BM25 has no fixed scale (it grows with
/// the number and rarity of the query's terms) and, unlike a cosine, is not produced by modality
/// pairs with different scales; it is only ever compared within one query. When the best BM25 is
/// not positive (every term in most documents), every lexical hit counts 1.</summary>
public static class WeightedScoreFusion
{
    /// <returns>Every id of any list, best first; ties keep first-seen order (dense lists first, as in RRF).</returns>
    public static IReadOnlyList<KeyValuePair<Guid, double>> Fuse(
        IReadOnlyList<DenseList> denseLists,
        IReadOnlyList<LexicalHit> lexicalHits,
        DenseCalibration calibration,
        double denseWeight,
        double lexicalWeight)
    {
        ArgumentNullException.ThrowIfNull(denseLists);
        ArgumentNullException.ThrowIfNull(lexicalHits);
        ArgumentNullException.ThrowIfNull(calibration);
        var dense = new Dictionary<Guid, double>();
        var order = new List<Guid>();
        foreach (var list in denseLists)
        {
            foreach (var hit in list.Hits)
            {
                var calibrated = (list.Calibration ?? calibration).Calibrate(list.QueryModality, hit.Modality, hit.Score);
                if (!dense.TryGetValue(hit.ItemId, out var best))
                {
                    order.Add(hit.ItemId);
                    dense[hit.ItemId] = calibrated;
                }
                else if (calibrated > best)
                {
                    dense[hit.ItemId] = calibrated;
                }
            }
        }

        var maxBm25 = lexicalHits.Count == 0 ? 0 : lexicalHits.Max(h => h.Score);
        var lexical = new Dictionary<Guid, double>();
        foreach (var hit in lexicalHits)
        {
            if (!lexical.ContainsKey(hit.ItemId) && !dense.ContainsKey(hit.ItemId))
            {
                order.Add(hit.ItemId);
            }

            lexical.TryAdd(hit.ItemId, maxBm25 > 0 ? Math.Max(0, hit.Score) / maxBm25 : 1);
        }

        // OrderByDescending is a stable sort: equal scores keep first-seen order.
        return order
            .Select(id => KeyValuePair.Create(id, (denseWeight * dense.GetValueOrDefault(id)) + (lexicalWeight * lexical.GetValueOrDefault(id))))
            .OrderByDescending(p => p.Value)
            .ToList();
    }
}
