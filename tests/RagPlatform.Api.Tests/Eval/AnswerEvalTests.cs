using System.Text.Json;
using RagPlatform.Cli.Eval;
using UglyToad.PdfPig;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>The answers section of `rag eval` on the synthetic dataset, against the real answering
/// API of the in-memory platform: no language model is configured there, so it answers extractively
/// (best passages quoted verbatim).</summary>
[Collection(typeof(EvaluatedDataset))]
public sealed class AnswerEvalTests(EvaluatedDataset run)
{
    private JsonElement Answers => run.Report.Root.GetProperty("answers");

    [Fact]
    public void Generated_facts_are_in_the_text_layer_of_their_page_as_pdf_readers_see_it()
    {
        var questions = File.ReadLines(Path.Combine(run.Dataset, "answers.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var answerable = questions.Where(q => q.GetProperty("answerable").GetBoolean()).ToList();

        Assert.Equal((8, 4), (answerable.Count, questions.Count - answerable.Count));
        foreach (var question in answerable)
        {
            var page = question.GetProperty("relevant")[0];
            using var pdf = PdfDocument.Open(Path.Combine(run.Dataset, "documents", page.GetProperty("document").GetString()!));
            var text = pdf.GetPage(page.GetProperty("page").GetInt32()).Text;
            Assert.All(question.GetProperty("facts").EnumerateArray(), fact => Assert.True(AnswerScoring.ContainsFact(text, fact.GetString()!), $"{question.GetProperty("id")}: {fact}"));
        }
    }

    [Fact]
    public void The_report_measures_every_question_in_the_mode_the_server_answered_in()
    {
        Assert.Equal("extractive", run.Report.Root.GetProperty("platform").GetProperty("chat").GetString());
        Assert.True(Answers.GetProperty("available").GetBoolean());
        var overall = Assert.Single(Answers.GetProperty("overall").EnumerateArray());
        Assert.Equal("grounded", overall.GetProperty("mode").GetString());
        Assert.Equal("extractive", overall.GetProperty("answeredAs").GetString());
        Assert.Equal((12, 8, 4, 0), (overall.GetProperty("questions").GetInt32(), overall.GetProperty("answerable").GetInt32(), overall.GetProperty("unanswerable").GetInt32(), overall.GetProperty("failed").GetInt32()));
        Assert.Equal(["paragraph", "table", "unanswerable"], Answers.GetProperty("byTag").EnumerateArray().Select(r => r.GetProperty("tag").GetString()));
        Assert.Equal(12, Answers.GetProperty("questions").GetArrayLength());
        Assert.All(
            Answers.GetProperty("overall").EnumerateArray().Concat(Answers.GetProperty("byTag").EnumerateArray()).SelectMany(r => r.GetProperty("metrics").EnumerateObject()),
            metric => Assert.InRange(metric.Value.GetDouble(), 0, 1));
        Assert.Contains("Key facts", run.Output, StringComparison.Ordinal);
        Assert.True(run.Report.Root.GetProperty("timings").GetProperty("answerSeconds").GetDouble() > 0);
    }

    /// <summary>Thresholds for extractive answers (no language model), from the values measured on
    /// 2 cores with the tiny CLIP model and the PP-OCRv4 models (see eval/README.md), less a margin.</summary>
    [Fact]
    public void Extractive_answers_cite_relevant_pages_quote_the_key_facts_and_admit_what_no_document_says()
    {
        var metrics = Answers.GetProperty("overall")[0].GetProperty("metrics");
        foreach (var metric in metrics.EnumerateObject())
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{metric.Name}: {metric.Value.GetDouble():0.000}");
        }

        foreach (var question in Answers.GetProperty("questions").EnumerateArray())
        {
            TestContext.Current.TestOutputHelper?.WriteLine(question.ToString());
        }

        Assert.True(metrics.GetProperty("citationPrecision").GetDouble() >= 0.5, "citation precision");
        Assert.True(metrics.GetProperty("keyFactMatch").GetDouble() >= 0.8, "key-fact match");
        Assert.True(metrics.GetProperty("notFoundRate").GetDouble() >= 0.75, "not-found rate on unanswerable questions");
    }
}
