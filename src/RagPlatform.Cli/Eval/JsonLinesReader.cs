using System.Text.Json;

namespace RagPlatform.Cli.Eval;

/// <summary>Reads an optional JSON-lines file of a dataset (transcripts.jsonl, answers.jsonl) as strictly
/// as queries.jsonl: every non-blank line is parsed and checked, ids are unique, and a wrong line is
/// refused with the file, the line number and what to fix, never skipped.</summary>
internal static class JsonLinesReader
{
    /// <param name="kind">What one line is, for messages ("transcript", "question").</param>
    /// <param name="check">Turns a parsed line into an item, or throws <see cref="EvalDatasetException"/>.</param>
    /// <param name="againstEarlier">A further check of a new item against the items before it.</param>
    /// <exception cref="EvalDatasetException">A line that is not valid, or a file without any.</exception>
    public static async Task<IReadOnlyList<TItem>> LoadAsync<TLine, TItem>(
        string path,
        string kind,
        Func<TLine, TItem> check,
        Func<TItem, string> id,
        Action<TItem, IReadOnlyList<TItem>>? againstEarlier,
        CancellationToken cancellationToken)
    {
        var items = new List<TItem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var item = check(Parse<TLine>(line, kind));
                if (!ids.Add(id(item)))
                {
                    throw new EvalDatasetException($"the id '{id(item)}' is used twice.");
                }

                againstEarlier?.Invoke(item, items);
                items.Add(item);
            }
            catch (EvalDatasetException ex)
            {
                throw new EvalDatasetException($"{path}, line {number}: {ex.Message}", ex);
            }
        }

        return items.Count == 0
            ? throw new EvalDatasetException($"{path} holds no {kind}; add one or delete the file.")
            : items;
    }

    private static TLine Parse<TLine>(string line, string kind)
    {
        try
        {
            return JsonSerializer.Deserialize<TLine>(line, QueryLineJson.Options) ?? throw new EvalDatasetException($"the line is null, not a {kind} object.");
        }
        catch (JsonException ex)
        {
            throw new EvalDatasetException($"not a valid {kind}: {ex.Message}", ex);
        }
    }
}
