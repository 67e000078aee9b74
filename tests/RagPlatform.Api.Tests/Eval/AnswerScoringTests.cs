using RagPlatform.Cli.Api;
using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>The answer metrics of eval/README.md on hand-made answers: citation precision and recall
/// over (document, page) units, key facts matched without regard to case and white space, and the
/// not-found rates.</summary>
public sealed class AnswerScoringTests
{
    private static readonly Guid Report = Guid.NewGuid();
    private static readonly Guid Scan = Guid.NewGuid();
    private static readonly Guid Copy = Guid.NewGuid();

    /// <summary>Server documents and the dataset files they were uploaded from; "copy" holds the same
    /// bytes under two names.</summary>
    private static readonly IReadOnlyDictionary<Guid, IReadOnlyCollection<string>> Names = new Dictionary<Guid, IReadOnlyCollection<string>>
    {
        [Report] = ["report.pdf"],
        [Scan] = ["scan.png"],
        [Copy] = ["a.pdf", "b.pdf"],
    };

    private static readonly EvalQuestion Fees = new(
        "fees", "What do moorings cost?", [new RelevantUnit("report.pdf", 2, null), new RelevantUnit("scan.png", null, null)], ["40 euros a night", "April"], true, ["table"]);

    private static readonly EvalQuestion Moon = new("moon", "How far is the moon?", [], [], false, ["unanswerable"]);

    [Fact]
    public void Precision_is_the_share_of_cited_sources_on_a_relevant_page_and_recall_the_share_of_relevant_units_cited()
    {
        // Three citations: report p.2 (relevant), report p.3 (not), the scan p.1 (relevant, any page).
        var answer = Answer("Moorings cost 40 euros a night [1] from April [3].", Cite(1, Report, 2), Cite(2, Report, 3), Cite(3, Scan, 1));

        var row = AnswerScoring.Score(Fees, "grounded", answer, Names);

        Assert.Equal(2.0 / 3, row.Metrics![AnswerScoring.CitationPrecision], 6);
        Assert.Equal(1.0, row.Metrics[AnswerScoring.CitationRecall]);
        Assert.Equal([true, false, true], row.Citations.Select(c => c.Relevant));
        Assert.Equal("report.pdf", row.Citations[0].Document);
    }

    [Fact]
    public void Two_citations_of_one_relevant_page_count_once_for_recall_and_twice_for_precision()
    {
        var answer = Answer("x", Cite(1, Report, 2), Cite(2, Report, 2));

        var row = AnswerScoring.Score(Fees, "grounded", answer, Names);

        Assert.Equal(1.0, row.Metrics![AnswerScoring.CitationPrecision]);
        Assert.Equal(0.5, row.Metrics[AnswerScoring.CitationRecall]);
    }

    [Fact]
    public void A_document_uploaded_under_two_names_is_relevant_under_either()
    {
        var question = Fees with { Relevant = [new RelevantUnit("b.pdf", 1, null)] };

        var row = AnswerScoring.Score(question, "grounded", Answer("x", Cite(1, Copy, 1)), Names);

        Assert.Equal(1.0, row.Metrics![AnswerScoring.CitationPrecision]);
        Assert.Equal(1.0, row.Metrics[AnswerScoring.CitationRecall]);
    }

    [Theory]
    [InlineData("Moorings cost 40 EUROS a\n  night [1]; from april.", 1.0)]
    [InlineData("Moorings cost 40euros anight, from April.", 1.0)]
    [InlineData("Moorings cost 40 euros per night from April.", 0.5)]
    [InlineData("Moorings cost forty euros a night.", 0.0)]
    public void Key_facts_match_whatever_the_case_and_white_space(string text, double expected)
    {
        var row = AnswerScoring.Score(Fees, "grounded", Answer(text), Names);

        Assert.Equal(expected, row.Metrics![AnswerScoring.KeyFactMatch]);
    }

    [Fact]
    public void An_answer_that_cites_nothing_has_no_precision_and_zero_recall()
    {
        var row = AnswerScoring.Score(Fees, "grounded", Answer("The documents do not say.", notFound: true), Names);

        Assert.False(row.Metrics!.ContainsKey(AnswerScoring.CitationPrecision));
        Assert.Equal(0.0, row.Metrics[AnswerScoring.CitationRecall]);
        Assert.True(row.NotFound);
    }

    [Fact]
    public void Rows_average_over_answerable_questions_and_rate_not_found_answers_per_kind_of_question()
    {
        var rows = new[]
        {
            AnswerScoring.Score(Fees, "grounded", Answer("40 euros a night", Cite(1, Report, 2), Cite(2, Report, 5)), Names),
            AnswerScoring.Score(Fees with { Id = "fees-2" }, "grounded", Answer("nothing", notFound: true), Names),
            AnswerScoring.Score(Moon, "grounded", Answer("The documents do not say.", notFound: true), Names),
            AnswerScoring.Score(Moon with { Id = "moon-2" }, "grounded", Answer("384,400 km [1]", Cite(1, Report, 1)), Names),
            AnswerScoring.Failed(Moon with { Id = "moon-3" }, "grounded", "The model did not answer."),
        };

        var report = AnswerSummary.Build(rows, ["grounded"]);

        var all = Assert.Single(report.Overall);
        Assert.Equal((4, 2, 2, 1, 1), (all.Questions, all.Answerable, all.Unanswerable, all.Cited, all.Failed));
        Assert.Equal(0.5, all.Metrics![AnswerScoring.CitationPrecision]);
        Assert.Equal(0.25, all.Metrics[AnswerScoring.CitationRecall]);
        Assert.Equal(0.25, all.Metrics[AnswerScoring.KeyFactMatch]);
        Assert.Equal(0.5, all.Metrics[AnswerScoring.FalseNotFoundRate]);
        Assert.Equal(0.5, all.Metrics[AnswerScoring.NotFoundRate]);
        Assert.Equal("extractive", report.AnsweredAs);

        var table = report.ByTag.Single(r => r.Tag == "table");
        Assert.False(table.Metrics!.ContainsKey(AnswerScoring.NotFoundRate));
        var unanswerable = report.ByTag.Single(r => r.Tag == "unanswerable");
        Assert.Equal([AnswerScoring.NotFoundRate], unanswerable.Metrics!.Keys);
    }

    private static CitationView Cite(int number, Guid document, int page) =>
        new(number, document, "server-name.pdf", page, null, null, null, null);

    private static AnswerView Answer(string text, params CitationView[] citations) => Answer(text, false, citations);

    private static AnswerView Answer(string text, bool notFound, params CitationView[] citations) =>
        new() { Mode = "extractive", Text = text, NotFound = notFound, Citations = citations };
}
