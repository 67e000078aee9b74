using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Answering;

public sealed class AnswerCheckerTests
{
    private static readonly AnswerSource[] Sources =
    [
        Source(1, "The lighthouse keepers logged unusual fog in November."),
        Source(2, "Quarterly revenue grew in every region."),
        new(3, Hit(Modality.Image, null), null, SentAsImage: true),
    ];

    private readonly AnswerChecker checker = new(new ClaimSupport(), Options.Create(new AnsweringOptions()));

    [Fact]
    public async Task A_sentence_its_source_does_not_talk_about_is_flagged_weak()
    {
        var (_, claims, _, _) = await checker.CheckAsync("The keepers logged fog in November [1]. Profits tripled in Asia after the merger [2].", Sources, CancellationToken.None);

        Assert.False(claims[0].Weak);
        Assert.Equal(1.0, claims[0].Support);
        Assert.True(claims[1].Weak, $"support {claims[1].Support}");
        Assert.All(claims, c => Assert.Equal("lexical", c.SupportMethod));
    }

    [Fact]
    public async Task A_statement_without_a_citation_is_reported_unsupported()
    {
        var (_, _, unsupported, notFound) = await checker.CheckAsync("Revenue grew everywhere [2]. The harbour will close next year for repairs.", Sources, CancellationToken.None);

        Assert.Equal(["The harbour will close next year for repairs."], unsupported);
        Assert.False(notFound);
    }

    [Fact]
    public async Task A_claim_citing_only_an_image_without_text_has_no_support_score_and_is_not_flagged()
    {
        var (_, claims, _, _) = await checker.CheckAsync("The chart shows three bars [3].", Sources, CancellationToken.None);

        Assert.Null(claims[0].Support);
        Assert.False(claims[0].Weak);
    }

    [Fact]
    public async Task The_not_found_sentence_is_recognised_in_any_case()
    {
        var (_, _, unsupported, notFound) = await checker.CheckAsync("not found in the documents. Nicht in den Dokumenten gefunden.", Sources, CancellationToken.None);

        Assert.True(notFound);
        Assert.Empty(unsupported);
    }

    private static AnswerSource Source(int number, string text) => new(number, Hit(Modality.Text, text), text, SentAsImage: false);

    private static SearchHit Hit(Modality modality, string? text) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "report.pdf", modality, 1, null, text, null, new ScoreParts(1, null, null, null, null));
}
