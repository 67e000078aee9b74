using RagPlatform.Core.Answering;

namespace RagPlatform.Core.Tests.Answering;

public sealed class CitationCheckerTests
{
    private static readonly HashSet<int> Sent = [1, 2, 3];

    [Fact]
    public void A_citation_of_a_source_that_was_not_sent_is_removed_and_reported()
    {
        var result = CitationChecker.Check("Revenue rose by 12% [2][7]. Costs fell [9].", Sent);

        Assert.Equal("Revenue rose by 12% [2]. Costs fell.", result.Text);
        Assert.Equal([7, 9], result.Removed);
        Assert.Equal([2], result.Cited);
    }

    [Fact]
    public void Groups_lists_and_short_ranges_are_read_as_their_numbers()
    {
        var result = CitationChecker.Check("The fog lasted a week [1, 3]. It cleared in May [1-2].", Sent);

        Assert.Equal([1, 3], result.Sentences[0].Citations);
        Assert.Equal([1, 2], result.Sentences[1].Citations);
        Assert.Equal([1, 3, 2], result.Cited);
    }

    [Fact]
    public void A_citation_after_the_full_stop_belongs_to_the_sentence_before_it()
    {
        var result = CitationChecker.Check("The harbour closed in November. [2] It reopened later.", Sent);

        Assert.Equal(2, result.Sentences.Count);
        Assert.Equal([2], result.Sentences[0].Citations);
        Assert.Empty(result.Sentences[1].Citations);
    }

    [Fact]
    public void A_year_in_brackets_far_beyond_the_sources_is_not_taken_for_a_range()
    {
        var result = CitationChecker.Check("Founded in [1-2000] times.", Sent);

        Assert.Empty(result.Cited);
        Assert.Empty(result.Removed);
    }

    [Fact]
    public void Sentences_split_at_cjk_full_stops_and_line_breaks()
    {
        var result = CitationChecker.Check("灯台は霧を記録した。[1]\n- second point [3]", Sent);

        Assert.Equal([[1], [3]], result.Sentences.Select(s => s.Citations.ToArray()));
    }
}
