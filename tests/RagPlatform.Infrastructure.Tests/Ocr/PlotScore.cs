using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>A plot's reading against its transcript: line-matched character errors, word recall
/// (each transcript word, counted with repeats, found among the words read) and junk (read lines
/// that the line matching pairs with no transcript line).</summary>
internal sealed record PlotScore(string File, double Rate, int Words, int WordsFound, int Junk, string Detail)
{
    public double Recall => Words == 0 ? 1 : (double)WordsFound / Words;

    public static PlotScore Of(string file, IReadOnlyList<string> transcript, IReadOnlyList<string> read)
    {
        var result = LineMatchedCharacterErrorRate.Compute(transcript, read);
        var expected = SplitWords(transcript);
        var left = SplitWords(read).GroupBy(word => word, StringComparer.OrdinalIgnoreCase).ToDictionary(group => group.Key, group => group.Count(), StringComparer.OrdinalIgnoreCase);
        var missed = new List<string>();
        foreach (var word in expected)
        {
            if (left.TryGetValue(word, out var count) && count > 0)
            {
                left[word] = count - 1;
            }
            else
            {
                missed.Add(word);
            }
        }

        var junk = result.Lines.Where(line => line.Reference is null && !string.IsNullOrWhiteSpace(line.Read)).Select(line => line.Read!).ToList();
        var wrong = result.Lines.Where(line => line.Edits > 0 && line.Reference is not null).Select(line => $"\"{line.Reference}\" → \"{line.Read}\"");
        var detail = $"{file}: recall {expected.Count - missed.Count}/{expected.Count}, {result.Edits} edits / {result.ReferenceCharacters} = {result.Rate:P1}, "
            + $"junk {junk.Count}; missed [{string.Join(", ", missed)}]; wrong {string.Join("; ", wrong)}; junk [{string.Join(", ", junk)}]; read [{string.Join(" | ", read)}]";
        return new PlotScore(file, result.Rate, expected.Count, expected.Count - missed.Count, junk.Count, detail);
    }

    private static List<string> SplitWords(IEnumerable<string> lines) =>
        [.. lines.SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
