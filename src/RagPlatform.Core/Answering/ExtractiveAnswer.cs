using System.Text;
using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Answering;

/// <summary>The answer without a language model: the passages that best support the question,
/// quoted word for word with their citations, or "not found" when none covers enough of it. It never
/// writes a sentence of its own about the documents.</summary>
public sealed class ExtractiveAnswer(ClaimSupport support, IOptions<AnsweringOptions> options)
{
    public const string Notice = "No language model is configured (setting Chat:Provider), so this answer quotes the passages that best match the question instead of writing one.";

    /// <summary>Passages quoted at most.</summary>
    private const int MaxQuotes = 3;

    /// <summary>Longest quote, in characters; longer passages are cut at a word.</summary>
    private const int MaxQuoteLength = 600;

    public async Task<(string Text, IReadOnlyList<Claim> Claims, IReadOnlyList<int> Cited, bool NotFound)> BuildAsync(
        string question,
        IReadOnlyList<AnswerSource> sources,
        CancellationToken cancellationToken)
    {
        var withText = sources.Where(s => !string.IsNullOrWhiteSpace(s.Passage)).ToList();
        var scores = await support.ScoreAsync(question, [.. withText.Select(s => s.Passage!)], cancellationToken);
        var quotes = withText.Zip(scores)
            .Where(x => x.Second >= options.Value.ExtractiveMinSupport)
            .OrderByDescending(x => x.Second)
            .ThenBy(x => x.First.Number)
            .Take(MaxQuotes)
            .ToList();
        if (quotes.Count == 0)
        {
            return ($"{AnswerPrompts.NotFoundSentence} No passage matches enough of the question.", [], [], true);
        }

        var text = new StringBuilder();
        var claims = new List<Claim>();
        foreach (var (source, _) in quotes)
        {
            var quote = Shorten(source.Passage!.ReplaceLineEndings(" ").Trim());
            text.Append('“').Append(quote).Append("” [").Append(source.Number).Append("]\n");
            // A word-for-word quote is its own source: fully supported.
            claims.Add(new Claim(quote, [source.Number], 1.0, ClaimSupport.Verbatim, Weak: false));
        }

        return (text.ToString().TrimEnd(), claims, [.. quotes.Select(q => q.First.Number)], false);
    }

    private static string Shorten(string text)
    {
        if (text.Length <= MaxQuoteLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxQuoteLength);
        return string.Concat(text.AsSpan(0, cut > MaxQuoteLength / 2 ? cut : MaxQuoteLength), "…");
    }
}
