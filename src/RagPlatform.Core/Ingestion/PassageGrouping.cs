namespace RagPlatform.Core.Ingestion;

/// <summary>Groups a page's consecutive text chunks (cut for CLIP's 77-token window) into passages
/// for the text space, whose window is longer: each passage takes whole chunks, in order, while
/// their tokens fit the budget. A chunk alone over the budget is a passage by itself (the encoder
/// cuts it at its window).</summary>
public static class PassageGrouping
{
    /// <param name="chunkTokens">Tokens of each chunk as the text-space model counts them.</param>
    /// <param name="budget">Most tokens of a passage.</param>
    /// <returns>Consecutive ranges that cover every chunk once.</returns>
    public static IReadOnlyList<Range> Group(IReadOnlyList<int> chunkTokens, int budget)
    {
        ArgumentNullException.ThrowIfNull(chunkTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        var passages = new List<Range>();
        var start = 0;
        var tokens = 0;
        for (var i = 0; i < chunkTokens.Count; i++)
        {
            if (i > start && tokens + chunkTokens[i] > budget)
            {
                passages.Add(start..i);
                start = i;
                tokens = 0;
            }

            tokens += chunkTokens[i];
        }

        if (start < chunkTokens.Count)
        {
            passages.Add(start..chunkTokens.Count);
        }

        return passages;
    }
}
