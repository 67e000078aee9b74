using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Tests.Answering;

public sealed class ExtractiveAnswerTests
{
    private readonly ExtractiveAnswer extractive = new(new ClaimSupport(), Options.Create(new AnsweringOptions()));

    [Fact]
    public async Task The_passages_covering_the_question_are_quoted_best_first_with_their_numbers()
    {
        AnswerSource[] sources = [Source(1, "Revenue grew in every region."), Source(2, "The lighthouse keepers logged unusual fog in November.")];

        var (text, claims, cited, notFound) = await extractive.BuildAsync("When did the keepers log fog?", sources, CancellationToken.None);

        Assert.False(notFound);
        Assert.Equal([2], cited);
        Assert.Equal("“The lighthouse keepers logged unusual fog in November.” [2]", text);
        Assert.Equal("verbatim", Assert.Single(claims).SupportMethod);
    }

    [Fact]
    public async Task Without_a_passage_covering_enough_of_the_question_the_answer_is_not_found()
    {
        AnswerSource[] sources = [Source(1, "Revenue grew in every region.")];

        var (text, _, cited, notFound) = await extractive.BuildAsync("What is the boiling point of mercury?", sources, CancellationToken.None);

        Assert.True(notFound);
        Assert.Empty(cited);
        Assert.StartsWith(AnswerPrompts.NotFoundSentence, text, StringComparison.Ordinal);
    }

    private static AnswerSource Source(int number, string text) =>
        new(number, new SearchHit(Guid.NewGuid(), Guid.NewGuid(), "a.pdf", Modality.Text, 1, null, text, null, new ScoreParts(1, null, null, null, null)), text, false);
}
