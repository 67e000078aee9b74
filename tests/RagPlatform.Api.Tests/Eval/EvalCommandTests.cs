using System.Net;
using System.Net.Http.Json;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>`rag eval` on small hand-made datasets: re-ingestion versus --reuse, documents that fail,
/// a platform without the CLIP model, and the usage errors.</summary>
public sealed class EvalCommandTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-eval-command-tests", Guid.NewGuid().ToString("N"));
    private readonly List<PlatformFactory> factories = [];

    private string Dataset => Path.Combine(folder, "dataset");

    private string ReportPath => Path.Combine(folder, "report.json");

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Dataset, "documents"));
        Directory.CreateDirectory(Path.Combine(Dataset, "queries"));
        File.WriteAllBytes(Path.Combine(Dataset, "documents", "marina.pdf"), SamplePdfs.WithText("Mooring fees for the marina rise in April."));
        File.WriteAllBytes(Path.Combine(Dataset, "documents", "chart.png"), SampleImages.BarChartPng());
        File.WriteAllBytes(Path.Combine(Dataset, "queries", "chart.png"), SampleImages.BarChartPng());
        File.WriteAllLines(Path.Combine(Dataset, "queries.jsonl"),
        [
            """{"id": "fees", "kind": "text->text", "text": "mooring fees", "relevant": [{"document": "marina.pdf", "page": 1, "modality": "text"}]}""",
            """{"id": "chart", "kind": "image->image", "image": "queries/chart.png", "relevant": [{"document": "chart.png"}], "tags": ["chart"]}""",
        ]);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in factories)
        {
            await factory.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    private CliRunner Cli(bool withModel = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new PlatformFactory(withModel, settings: settings);
        factories.Add(factory);
        return new CliRunner(factory);
    }

    [Fact]
    public async Task Without_reuse_documents_already_on_the_server_are_ingested_again()
    {
        var cli = Cli();
        var client = new PlatformClient(factories[0].CreateClient());
        Assert.Equal(0, await cli.RunAsync("eval", Dataset, "--mode", "lexical"));
        var first = (await client.Http.GetFromJsonAsync<Api.Documents.DocumentListDto>("/api/documents", PlatformClient.Json, TestContext.Current.CancellationToken))!.Documents;

        var exit = await cli.RunAsync("eval", Dataset, "--mode", "lexical", "--json", ReportPath);

        var report = await EvalReportJson.LoadAsync(ReportPath);
        Assert.Equal(0, exit);
        Assert.Equal(2, report.Root.GetProperty("documents").GetProperty("uploaded").GetInt32());
        Assert.Equal(0, report.Root.GetProperty("documents").GetProperty("reused").GetInt32());
        foreach (var old in first)
        {
            using var response = await client.Http.GetAsync($"/api/documents/{old.Id}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(1, EvalReportJson.Metric(report.KindRow("text->text", "lexical"), "recall@1"));
        Assert.False(report.Root.TryGetProperty("ocr", out _), "a dataset without transcripts.jsonl reports no OCR section");
        Assert.DoesNotContain("OCR tag", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_ocr_on_the_server_transcripts_are_not_scored_and_the_report_says_why()
    {
        File.WriteAllLines(Path.Combine(Dataset, "transcripts.jsonl"), ["""{"id": "chart", "document": "chart.png", "lines": ["Sales"]}"""]);
        var cli = Cli(settings: new Dictionary<string, string> { ["Ocr:ModelDirectory"] = Path.Combine(folder, "no-ocr-models") });

        var exit = await cli.RunAsync("eval", Dataset, "--mode", "lexical", "--json", ReportPath);

        var ocr = (await EvalReportJson.LoadAsync(ReportPath)).Root.GetProperty("ocr");
        Assert.Equal(0, exit);
        Assert.False(ocr.GetProperty("available").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(ocr.GetProperty("reason").GetString()));
        Assert.False(ocr.TryGetProperty("overall", out _));
        Assert.Empty(ocr.GetProperty("transcripts").EnumerateArray());
        Assert.Contains("OCR not measured", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transcript_of_a_page_that_does_not_exist_is_reported_not_scored()
    {
        File.WriteAllLines(Path.Combine(Dataset, "transcripts.jsonl"),
        [
            """{"id": "chart", "document": "chart.png", "lines": ["Sales"], "tags": ["chart"]}""",
            """{"id": "ghost", "document": "marina.pdf", "page": 9, "lines": ["Nothing here"]}""",
        ]);
        var cli = Cli();

        var exit = await cli.RunAsync("eval", Dataset, "--mode", "lexical", "--json", ReportPath);

        var ocr = (await EvalReportJson.LoadAsync(ReportPath)).Root.GetProperty("ocr");
        var skipped = Assert.Single(ocr.GetProperty("skipped").EnumerateArray());
        Assert.Equal(0, exit);
        Assert.Equal("ghost", skipped.GetProperty("id").GetString());
        Assert.Equal("chart", Assert.Single(ocr.GetProperty("transcripts").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, ocr.GetProperty("overall").GetProperty("units").GetInt32());
        Assert.Contains("Transcript 'ghost' not scored", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_that_fails_to_ingest_is_reported_and_fails_the_run()
    {
        File.WriteAllText(Path.Combine(Dataset, "documents", "broken.pdf"), "%PDF-1.7\nthis is not a PDF body");

        var cli = Cli();
        var exit = await cli.RunAsync("eval", Dataset, "--mode", "lexical", "--json", ReportPath);

        var report = await EvalReportJson.LoadAsync(ReportPath);
        var failed = Assert.Single(report.Root.GetProperty("documents").GetProperty("failed").EnumerateArray());
        Assert.Equal(1, exit);
        Assert.Equal("broken.pdf", failed.GetProperty("document").GetString());
        Assert.Contains("Not searchable", cli.Output, StringComparison.Ordinal);
        Assert.Equal(1, EvalReportJson.Metric(report.KindRow("text->text", "lexical"), "recall@1"));
    }

    [Fact]
    public async Task Without_the_clip_model_dense_runs_and_image_queries_are_skipped_with_the_reason()
    {
        var cli = Cli(withModel: false);

        var exit = await cli.RunAsync("eval", Dataset, "--json", ReportPath);

        var report = await EvalReportJson.LoadAsync(ReportPath);
        Assert.Equal(0, exit);
        Assert.False(report.Root.GetProperty("platform").GetProperty("dense").GetBoolean());
        Assert.Equal(1, EvalReportJson.Metric(report.KindRow("text->text", "hybrid"), "recall@1"));
        foreach (var (kind, mode) in new[] { ("text->text", "dense"), ("image->image", "dense"), ("image->image", "hybrid") })
        {
            var row = report.KindRow(kind, mode);
            Assert.Equal(0, row.GetProperty("queries").GetInt32());
            Assert.Contains("dense search is off", row.GetProperty("skipReason").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_queries_file_is_a_usage_error_that_names_the_line()
    {
        File.AppendAllLines(Path.Combine(Dataset, "queries.jsonl"), ["""{"id": "x", "kind": "text->text", "text": "fees", "relevant": [{"document": "nowhere.pdf"}]}"""]);
        var cli = Cli();

        var exit = await cli.RunAsync("eval", Dataset);

        Assert.Equal(2, exit);
        Assert.Contains("line 3", cli.Output, StringComparison.Ordinal);
        Assert.Contains("nowhere.pdf", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_the_server_refuses_stops_the_run_and_names_the_query()
    {
        var tooLong = string.Join(' ', Enumerable.Repeat("mooring", 400));
        File.AppendAllLines(Path.Combine(Dataset, "queries.jsonl"), [$$"""{"id": "rambling", "kind": "text->text", "text": "{{tooLong}}", "relevant": [{"document": "marina.pdf"}]}"""]);
        var cli = Cli();

        var exit = await cli.RunAsync("eval", Dataset, "--mode", "lexical");

        Assert.Equal(1, exit);
        Assert.Contains("Query 'rambling' in lexical mode was refused", cli.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Give a dataset folder", "eval")]
    [InlineData("--k must be between 1 and 100", "eval", "{dataset}", "--k", "0")]
    [InlineData("is not empty", "eval", "--generate", "{dataset}")]
    [InlineData("writes a dataset and stops", "eval", "{dataset}", "--generate", "{other}")]
    public async Task Usage_errors_exit_with_code_2_and_say_what_to_do(string message, params string[] args)
    {
        var cli = Cli();

        var exit = await cli.RunAsync(args.Select(a => a.Replace("{dataset}", Dataset, StringComparison.Ordinal).Replace("{other}", Path.Combine(folder, "other"), StringComparison.Ordinal)).ToArray());

        Assert.Equal(2, exit);
        Assert.Contains(message, cli.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }
}
