using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Answering;

/// <summary>Checks a model's answer against the sources it was given: invalid citations removed and
/// reported, each cited sentence scored for support by the passages it cites (weak ones flagged), and
/// sentences that state something without any citation reported as unsupported.</summary>
public sealed class AnswerChecker(ClaimSupport support, IOptions<AnsweringOptions> options)
{
    /// <summary>Sentences shorter than this (in words) are connective tissue, not claims.</summary>
    private const int MinClaimWords = 4;

    public async Task<(CheckedCitations Citations, IReadOnlyList<Claim> Claims, IReadOnlyList<string> Unsupported, bool NotFound)> CheckAsync(
        string text,
        IReadOnlyList<AnswerSource> sources,
        CancellationToken cancellationToken)
    {
        var byNumber = sources.ToDictionary(s => s.Number);
        var citations = CitationChecker.Check(text, byNumber.Keys.ToHashSet());
        var notFound = text.Contains(AnswerPrompts.NotFoundSentence.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

        var claims = new List<Claim>();
        var unsupported = new List<string>();
        foreach (var sentence in citations.Sentences)
        {
            var plain = CitationChecker.StripMarkers(sentence.Text);
            if (sentence.Citations.Count == 0)
            {
                if (!notFound && IsStatement(plain))
                {
                    unsupported.Add(plain);
                }

                continue;
            }

            var passages = sentence.Citations.Select(n => byNumber[n]).Select(s => s.Passage ?? s.Hit.Snippet).OfType<string>().ToList();
            if (passages.Count == 0)
            {
                // Only images were cited and they carry no text: a text check cannot judge the claim.
                claims.Add(new Claim(plain, sentence.Citations, null, support.Method, Weak: false));
                continue;
            }

            var scores = await support.ScoreAsync(plain, passages, cancellationToken);
            var best = scores.Max();
            claims.Add(new Claim(plain, sentence.Citations, best, support.Method, best < options.Value.WeakSupportThreshold));
        }

        return (citations, claims, unsupported, notFound);
    }

    private static bool IsStatement(string sentence) =>
        !sentence.EndsWith(':') && sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinClaimWords && sentence.Any(char.IsLetter);
}
