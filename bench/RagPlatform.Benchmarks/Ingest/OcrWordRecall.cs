namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Recall of ground-truth words: the share of the drawn words (as a multiset, so a word
/// drawn twice must be read twice) found among the words read. Words are compared without case and
/// without the punctuation around them ("2024," and "2024" are one word), so that engines that
/// split lines differently, or read a comma as a period, are not told apart by it.</summary>
internal static class OcrWordRecall
{
    private static readonly char[] Separators = [' ', '\t', '\n', '\r', '\f'];

    public static IEnumerable<string> Words(string text) =>
        text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(Normalize).Where(word => word.Length > 0);

    public static string Normalize(string word) => word.Trim('.', ',', ':', ';', '(', ')', '"', '\'', '|', '[', ']', '!', '?').ToLowerInvariant();

    /// <returns>Words found and words drawn.</returns>
    public static (int Found, int Total) Count(IEnumerable<string> drawn, string read) => Count(drawn, read, missed: null);

    /// <param name="missed">Receives the drawn words that were not read.</param>
    public static (int Found, int Total) Count(IEnumerable<string> drawn, string read, List<string>? missed)
    {
        var available = Words(read).GroupBy(word => word, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var found = 0;
        var total = 0;
        foreach (var word in drawn.Select(Normalize).Where(word => word.Length > 0))
        {
            total++;
            if (available.TryGetValue(word, out var left) && left > 0)
            {
                available[word] = left - 1;
                found++;
            }
            else
            {
                missed?.Add(word);
            }
        }

        return (found, total);
    }
}
