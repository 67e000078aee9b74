using RagPlatform.Core.Search;

namespace RagPlatform.Core.Answering;

/// <summary>How well a text is supported by passages, 0..1: the cross-encoder's probability (the
/// logistic of its logit) when one is enabled, else the share of the text's content words that the
/// passages contain. Neither proves a claim true; both make a claim that its sources do not talk
/// about visible.</summary>
public sealed class ClaimSupport(IReranker? reranker = null)
{
    public const string CrossEncoder = "crossEncoder";
    public const string Lexical = "lexical";
    public const string Verbatim = "verbatim";

    public string Method => reranker is { IsEnabled: true } ? CrossEncoder : Lexical;

    /// <returns>For each passage, its support of <paramref name="text"/>.</returns>
    public async Task<IReadOnlyList<double>> ScoreAsync(string text, IReadOnlyList<string> passages, CancellationToken cancellationToken)
    {
        if (passages.Count == 0)
        {
            return [];
        }

        if (reranker is { IsEnabled: true })
        {
            var logits = await reranker.ScoreAsync(text, passages, cancellationToken);
            return [.. logits.Select(l => 1 / (1 + Math.Exp(-l)))];
        }

        var wanted = ContentWords.Of(text);
        return [.. passages.Select(p => ContentWords.Coverage(wanted, ContentWords.Of(p)))];
    }
}
