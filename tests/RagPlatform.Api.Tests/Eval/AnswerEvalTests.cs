using System.Text.Json;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Cli.Eval;
using UglyToad.PdfPig;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>The answers section of `rag eval` on the synthetic dataset, against the real answering
/// API of an in-memory platform set up as a fresh install is: no language model (answers are
/// extractive: the best passages quoted verbatim), no CLIP model (retrieval is lexical), OCR on.</summary>
/// <remarks>Not the platform of <see cref="EvalHarnessTests"/>: its tiny CLIP model has random weights,
/// and the random dense hits it fuses in crowd the relevant passages out of the few hits an answer
/// takes its sources from, so answers there would measure the random model.</remarks>
public sealed class AnswerEvalTests(AnswerEvalTests.AnsweredDataset run) : IClassFixture<AnswerEvalTests.AnsweredDataset>
{
    public sealed class AnsweredDataset : IAsyncLifetime
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-answer-eval-tests", Guid.NewGuid().ToString("N"));

        public PlatformFactory Factory { get; } = new(withModel: false, workers: 2);

        public string Dataset => Path.Combine(folder, "dataset");

        public int EvalExit { get; private set; }

        public string Output { get; private set; } = string.Empty;

        public EvalReportJson Report { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var cli = new CliRunner(Factory);
            Assert.Equal(0, await cli.RunAsync("eval", "--generate", Dataset));
            var reportPath = Path.Combine(folder, "report.json");
            EvalExit = await cli.RunAsync("eval", Dataset, "--mode", "lexical", "--answer-mode", "all", "--json", reportPath);
            Output = cli.Output;
            Report = await EvalReportJson.LoadAsync(reportPath);
        }

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private JsonElement Answers => run.Report.Root.GetProperty("answers");

    private JsonElement Overall(string mode) => Answers.GetProperty("overall").EnumerateArray().Single(r => r.GetProperty("mode").GetString() == mode);

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
    public void The_report_measures_every_question_in_both_modes_as_the_server_answered_them()
    {
        Assert.Equal(0, run.EvalExit);
        Assert.Equal("extractive", run.Report.Root.GetProperty("platform").GetProperty("chat").GetString());
        Assert.True(Answers.GetProperty("available").GetBoolean());
        foreach (var mode in new[] { "grounded", "agentic" })
        {
            var row = Overall(mode);
            Assert.Equal("extractive", row.GetProperty("answeredAs").GetString());
            Assert.Equal((12, 8, 4, 0), (row.GetProperty("questions").GetInt32(), row.GetProperty("answerable").GetInt32(), row.GetProperty("unanswerable").GetInt32(), row.GetProperty("failed").GetInt32()));
        }

        Assert.Equal(["paragraph", "paragraph", "table", "table", "unanswerable", "unanswerable"], Answers.GetProperty("byTag").EnumerateArray().Select(r => r.GetProperty("tag").GetString()));
        Assert.Equal(24, Answers.GetProperty("questions").GetArrayLength());
        Assert.All(
            Answers.GetProperty("overall").EnumerateArray().Concat(Answers.GetProperty("byTag").EnumerateArray()).SelectMany(r => r.GetProperty("metrics").EnumerateObject()),
            metric => Assert.InRange(metric.Value.GetDouble(), 0, 1));
        Assert.Contains("Key facts", run.Output, StringComparison.Ordinal);
        Assert.True(run.Report.Root.GetProperty("timings").GetProperty("answerSeconds").GetDouble() > 0);
    }

    /// <summary>Without a language model both modes quote the same passages.</summary>
    [Fact]
    public void Without_a_language_model_agentic_mode_answers_as_grounded_mode_does()
    {
        Assert.Equal(Overall("grounded").GetProperty("metrics").ToString(), Overall("agentic").GetProperty("metrics").ToString());
    }

    /// <summary>Thresholds for extractive answers on a lexical-only platform. Measured (2 cores, PP-OCRv4):
    /// citation precision 0.857, key-fact match 0.875, not-found rate 1.000 on the 4 unanswerable
    /// questions. Each threshold is 0.75: one more of 8 answerable questions (0.125) or of the 4
    /// unanswerable ones (0.25) may turn out wrong, not two.</summary>
    [Fact]
    public void Extractive_answers_cite_relevant_pages_quote_the_key_facts_and_admit_what_no_document_says()
    {
        var metrics = Overall("grounded").GetProperty("metrics");
        foreach (var metric in metrics.EnumerateObject())
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{metric.Name}: {metric.Value.GetDouble():0.000}");
        }

        foreach (var question in Answers.GetProperty("questions").EnumerateArray().Where(q => q.GetProperty("mode").GetString() == "grounded"))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(question.ToString().ReplaceLineEndings(" "));
        }

        TestContext.Current.TestOutputHelper?.WriteLine(run.Output);
        Assert.True(metrics.GetProperty("citationPrecision").GetDouble() >= 0.75, "citation precision");
        Assert.True(metrics.GetProperty("keyFactMatch").GetDouble() >= 0.75, "key-fact match");
        Assert.True(metrics.GetProperty("notFoundRate").GetDouble() >= 0.75, "not-found rate on unanswerable questions");
    }
}
