using System.Text.Json;
using Microsoft.Data.Sqlite;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>`rag eval eval/manuals`: five real R manuals (Debian's r-doc-pdf, pinned by hash) and three
/// odd PDFs, ingested through the real API of an in-memory platform set up as a fresh install
/// (no CLIP model; the text space with the real sentence encoder that scripts/fetch-text-model.sh
/// installs into models/text, which scripts/test.sh runs), judged page by page in lexical, dense
/// and hybrid mode next to the page-BM25 baseline the harness computes from pdftotext.</summary>
public sealed class ManualsEvalTests(ManualsEvalTests.EvaluatedManuals run) : IClassFixture<ManualsEvalTests.EvaluatedManuals>
{
    public sealed class EvaluatedManuals : IAsyncLifetime
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-manuals-eval-tests", Guid.NewGuid().ToString("N"));

        public PlatformFactory Factory { get; } = new(
            withModel: false,
            workers: 2,
            settings: TextModelInstalled ? new Dictionary<string, string> { ["Embeddings:Text:ModelDirectory"] = TextModel } : null);

        public static string Dataset => Path.Combine(RepositoryPaths.Root, "eval", "manuals");

        /// <summary>Where scripts/fetch-text-model.sh puts Snowflake/snowflake-arctic-embed-xs.</summary>
        public static string TextModel => Path.Combine(RepositoryPaths.Root, "models", "text");

        public static bool TextModelInstalled =>
            File.Exists(Path.Combine(TextModel, "model.onnx")) && File.Exists(Path.Combine(TextModel, "vocab.txt"));

        public int EvalExit { get; private set; }

        public string Output { get; private set; } = string.Empty;

        public EvalReportJson Report { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Directory.CreateDirectory(folder);
            var cli = new CliRunner(Factory);
            var reportPath = Path.Combine(folder, "report.json");
            EvalExit = await cli.RunAsync("eval", Dataset, "--mode", "all", "--k", "50", "--json", reportPath);
            Output = cli.Output;
            Assert.True(File.Exists(reportPath), Output);
            Report = await EvalReportJson.LoadAsync(reportPath);
            if (Environment.GetEnvironmentVariable("RAG_TEST_EVAL_REPORTS") is { Length: > 0 } keep)
            {
                // To read the numbers of a run that passed: the test host shows no output then.
                Directory.CreateDirectory(keep);
                File.Copy(reportPath, Path.Combine(keep, "manuals.json"), overwrite: true);
                await File.WriteAllTextAsync(Path.Combine(keep, "manuals.txt"), Output, TestContext.Current.CancellationToken);
                await KeepDatabaseAsync(Path.Combine(keep, "manuals.db"));
            }
        }

        /// <summary>A copy of the index the questions ran against, to read what ranked a page where
        /// (sqlite3 manuals.db: lexical_entries, lexical_pages, pages.kind).</summary>
        private async Task KeepDatabaseAsync(string path)
        {
            File.Delete(path);
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(Factory.DataDirectory, "ragplatform.db")}");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO @path";
            command.Parameters.AddWithValue("@path", path);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private JsonElement Pages => run.Report.Root.GetProperty("pages");

    /// <summary>The row over all questions (the one without a tag) of lexical search, which the text
    /// space does not touch.</summary>
    private JsonElement Overall => OverallOf("lexical");

    private JsonElement OverallOf(string mode) =>
        Pages.GetProperty("rows").EnumerateArray().Single(r => !r.TryGetProperty("tag", out _) && r.GetProperty("mode").GetString() == mode);

    private static double Metric(JsonElement row, string side, string name) => row.GetProperty(side).GetProperty(name).GetDouble();

    [Fact]
    public void Every_judged_question_is_answered_by_the_platform_and_the_baseline_side_by_side()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(run.Output);
        Assert.Equal(0, run.EvalExit);
        Assert.True(Pages.GetProperty("available").GetBoolean(), Pages.ToString());
        var questions = File.ReadLines(Path.Combine(EvaluatedManuals.Dataset, "queries.jsonl")).Count(line => line.Trim().Length > 0);
        Assert.True(questions >= 50);
        Assert.Equal(questions, Overall.GetProperty("queries").GetInt32());
        // Every question once per mode that ran (lexical and hybrid always, dense with the text space).
        var perMode = Pages.GetProperty("queries").EnumerateArray().GroupBy(q => q.GetProperty("mode").GetString()).ToList();
        Assert.Contains(perMode, g => g.Key == "lexical");
        Assert.All(perMode, g => Assert.Equal(questions, g.Count()));
        // 52 + 41 + 85 + 113 + 69 pages of the manuals and 4 pages of the odd PDFs.
        Assert.Equal(364, Pages.GetProperty("baselinePages").GetInt32());
        foreach (var tag in new[] { "toc-trap", "stemming", "identifier", "paraphrase", "exact", "odd-font", "form", "annotation" })
        {
            Assert.Contains(Pages.GetProperty("rows").EnumerateArray(), r => r.TryGetProperty("tag", out var t) && t.GetString() == tag);
        }

        Assert.All(
            Pages.GetProperty("rows").EnumerateArray().SelectMany(r => new[] { r.GetProperty("platform"), r.GetProperty("baseline") }).SelectMany(m => m.EnumerateObject()),
            metric => Assert.InRange(metric.Value.GetDouble(), 0, 1));
        Assert.Contains("First BM25", run.Output, StringComparison.Ordinal);
    }

    /// <summary>The baseline is a sound yardstick: plain BM25 over pdftotext's pages finds the answering
    /// page of most judged questions first (measured 2026-12-05: see eval/manuals/README.md).</summary>
    [Fact]
    public void The_page_baseline_finds_most_answering_pages_first()
    {
        Assert.True(Metric(Overall, "baseline", "firstHit") >= 0.6, Overall.ToString());
        Assert.True(Metric(Overall, "baseline", "top5") >= 0.8, Overall.ToString());
    }

    /// <summary>The goal of issue 12: clearly better than a plain page BM25 on real manuals — at
    /// least 5 points more questions with the answering page first and 0.05 more MRR, and no fewer
    /// in the top five. Lexical ranking is deterministic here (text layers, no model), so the margin
    /// does not wobble between runs; eval/manuals/README.md has the numbers.</summary>
    [Fact]
    public void The_platform_finds_the_answering_page_first_clearly_more_often_than_the_page_baseline()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(Overall.ToString());
        Assert.True(Metric(Overall, "platform", "firstHit") >= Metric(Overall, "baseline", "firstHit") + 0.05, Overall.ToString());
        Assert.True(Metric(Overall, "platform", "mrr") >= Metric(Overall, "baseline", "mrr") + 0.05, Overall.ToString());
        Assert.True(Metric(Overall, "platform", "top5") >= Metric(Overall, "baseline", "top5"), Overall.ToString());
    }

    /// <summary>The text space (the real snowflake-arctic-embed-xs) answers every question in dense
    /// mode on its own, about as well as the page baseline (measured 2026-12-05: first 0.757, top
    /// five 0.914, MRR 0.814), and fused with BM25 it lifts hybrid search above lexical search (first
    /// 0.900 against 0.886, top five 0.986 against 0.957, MRR 0.940 against 0.917; eval/manuals/README.md).
    /// The margins asserted leave room for one question to change places on another CPU.</summary>
    [Fact]
    public void The_text_space_answers_densely_and_lifts_hybrid_search_above_lexical_search()
    {
        Assert.True(
            EvaluatedManuals.TextModelInstalled,
            $"The text model is not installed in {EvaluatedManuals.TextModel}: run scripts/fetch-text-model.sh (scripts/test.sh does).");
        var dense = OverallOf("dense");
        var hybrid = OverallOf("hybrid");
        TestContext.Current.TestOutputHelper?.WriteLine($"dense {dense}\nhybrid {hybrid}\nlexical {Overall}");

        Assert.Equal(Overall.GetProperty("queries").GetInt32(), dense.GetProperty("queries").GetInt32());
        Assert.True(Metric(dense, "platform", "firstHit") >= 0.65, dense.ToString());
        Assert.True(Metric(dense, "platform", "top5") >= 0.85, dense.ToString());
        Assert.True(Metric(hybrid, "platform", "firstHit") >= Metric(Overall, "platform", "firstHit"), hybrid.ToString());
        Assert.True(Metric(hybrid, "platform", "top5") >= Metric(Overall, "platform", "top5"), hybrid.ToString());
        Assert.True(Metric(hybrid, "platform", "mrr") > Metric(Overall, "platform", "mrr"), hybrid.ToString());
        Assert.True(Metric(hybrid, "platform", "firstHit") >= Metric(hybrid, "baseline", "firstHit") + 0.10, hybrid.ToString());
    }
}
