namespace RagPlatform.Cli.Eval;

/// <summary>The plain baseline: textbook Okapi BM25 over whole pages. Tokens are maximal runs of
/// letters and digits, lower-cased (invariant); no stemming, no stop words, no phrase or field
/// boosts. idf = ln(1 + (N − df + 0.5) / (df + 0.5)) (never negative); each distinct query token
/// counts once.</summary>
internal sealed class PageBm25
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    private readonly List<PageKey> pages = [];
    private readonly List<Dictionary<string, int>> termCounts = [];
    private readonly List<int> lengths = [];
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);

    public int Pages => pages.Count;

    public void Add(PageKey page, string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = Tokenize(text);
        foreach (var token in tokens)
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        foreach (var term in counts.Keys)
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        pages.Add(page);
        termCounts.Add(counts);
        lengths.Add(tokens.Count);
    }

    /// <summary>The best <paramref name="depth"/> pages with a score above 0, best first; ties in
    /// the order the pages were added.</summary>
    public IReadOnlyList<PageKey> Search(string query, int depth)
    {
        var terms = Tokenize(query).Distinct(StringComparer.Ordinal).Where(documentFrequency.ContainsKey).ToList();
        if (terms.Count == 0 || pages.Count == 0)
        {
            return [];
        }

        var averageLength = lengths.Average();
        var idf = terms.ToDictionary(t => t, t => Math.Log(1 + ((pages.Count - documentFrequency[t] + 0.5) / (documentFrequency[t] + 0.5))), StringComparer.Ordinal);
        var scores = new double[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            var norm = K1 * (1 - B + (B * lengths[i] / averageLength));
            foreach (var term in terms)
            {
                if (termCounts[i].TryGetValue(term, out var tf))
                {
                    scores[i] += idf[term] * tf * (K1 + 1) / (tf + norm);
                }
            }
        }

        return Enumerable.Range(0, pages.Count)
            .Where(i => scores[i] > 0)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(depth)
            .Select(i => pages[i])
            .ToList();
    }

    public static IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inToken = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return tokens;
    }
}
