using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RagPlatform.Cli.Api;
using RagPlatform.Cli.Commands;
using RagPlatform.Cli.Eval.Synthetic;
using Spectre.Console;

namespace RagPlatform.Cli.Eval;

/// <summary>`rag eval &lt;dataset&gt;`: uploads a dataset's documents, runs its queries in each search
/// mode and reports Recall@1/5/k, MRR and nDCG@k per query kind and tag, and, when the dataset has
/// transcripts, the character error rate of the text read by OCR. `rag eval --generate
/// &lt;folder&gt;` writes the synthetic dataset instead.</summary>
internal sealed class EvalCommand(Func<RagApiClient> client, IAnsiConsole console)
{
    /// <summary>Where the dataset is uploaded unless --collection names another collection.</summary>
    public const string DefaultCollection = "eval";

    /// <summary>The search API's default upper limit on hits per query.</summary>
    private const int MaxK = 100;

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Command Build()
    {
        var dataset = new Argument<DirectoryInfo?>("dataset") { Description = "Folder with documents/ and queries.jsonl (see eval/README.md)", Arity = ArgumentArity.ZeroOrOne };
        var mode = new Option<string>("--mode") { Description = "Search mode(s) to measure", DefaultValueFactory = _ => "all" };
        mode.AcceptOnlyFromAmong("lexical", "dense", "hybrid", "all");
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON to this file (for CI)" };
        var k = new Option<int>("--k") { Description = "Hits per query: the cutoff of MRR, nDCG and the deepest recall", DefaultValueFactory = _ => 10 };
        var reuse = new Option<bool>("--reuse") { Description = "Use documents the server already holds (same bytes) as they are, instead of deleting and ingesting them again" };
        var answerMode = new Option<string>("--answer-mode") { Description = "Answering mode(s) for the questions of answers.jsonl", DefaultValueFactory = _ => AnswerModes.Grounded };
        answerMode.AcceptOnlyFromAmong(AnswerModes.Grounded, AnswerModes.Agentic, "all", "none");
        var generate = new Option<DirectoryInfo?>("--generate") { Description = "Write the synthetic dataset (charts, tables, screenshots, captioned images, text pages) into this new folder and stop" };

        var command = new Command("eval", "Measure retrieval quality on a dataset of documents and judged queries") { dataset, mode, answerMode, json, k, reuse, generate };
        command.SetAction((parse, ct) => parse.GetValue(generate) is { } folder
            ? GenerateAsync(folder, parse.GetValue(dataset), ct)
            : RunAsync(parse.GetValue(dataset), new RunOptions(EvalModes.Parse(parse.GetValue(mode)!), EvalModes.ParseAnswerModes(parse.GetValue(answerMode)!), parse.GetValue(json), parse.GetValue(k), parse.GetValue(reuse)), ct));
        return command;
    }

    private async Task<int> GenerateAsync(DirectoryInfo folder, DirectoryInfo? dataset, CancellationToken cancellationToken)
    {
        if (dataset is not null)
        {
            console.MarkupLine("[red]--generate writes a dataset and stops; run `rag eval <folder>` on it afterwards.[/]");
            return ExitCodes.UsageError;
        }

        try
        {
            var summary = await SyntheticDataset.WriteAsync(folder.FullName, cancellationToken);
            console.MarkupLineInterpolated($"Wrote {summary.Documents} documents, {summary.Queries} queries, {summary.Transcripts} transcripts and {summary.Questions} answer questions to {folder.FullName}");
            console.MarkupLineInterpolated($"Run it with: rag eval {folder.FullName}");
            return ExitCodes.Success;
        }
        catch (EvalDatasetException ex)
        {
            console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return ExitCodes.UsageError;
        }
    }

    private async Task<int> RunAsync(DirectoryInfo? folder, RunOptions options, CancellationToken cancellationToken)
    {
        var (modes, answerModes, jsonFile, k, reuse) = options;
        if (folder is null)
        {
            console.MarkupLine("[red]Give a dataset folder (rag eval <folder>), or make one with rag eval --generate <folder>.[/]");
            return ExitCodes.UsageError;
        }

        if (k is < 1 or > MaxK)
        {
            console.MarkupLine($"[red]--k must be between 1 and {MaxK}.[/]");
            return ExitCodes.UsageError;
        }

        EvalDataset dataset;
        try
        {
            dataset = await EvalDataset.LoadAsync(folder.FullName, cancellationToken);
        }
        catch (EvalDatasetException ex)
        {
            console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return ExitCodes.UsageError;
        }

        var api = client();
        var status = await api.StatusAsync(cancellationToken);
        var platform = PlatformCapabilities.From(status);
        var transcripts = dataset.Transcripts.Count == 0 ? string.Empty : $", {dataset.Transcripts.Count} transcripts";
        var questions = dataset.Answers.Count == 0 ? string.Empty : $", {dataset.Answers.Count} answer questions ({(answerModes.Count == 0 ? "not asked" : string.Join(", ", answerModes))})";
        console.MarkupLineInterpolated($"Dataset {dataset.Folder}: {dataset.Documents.Count} documents, {dataset.Queries.Count} queries{transcripts}{questions}; modes {string.Join(", ", modes)}; k = {k}; collection {api.Collection}");
        DescribePlatform(platform);

        var clock = Stopwatch.StartNew();
        var uploaded = await new DatasetUploader(api, console).UploadAsync(dataset, reuse, cancellationToken);
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        foreach (var failure in uploaded.Failed)
        {
            console.MarkupLineInterpolated($"[red]Not searchable:[/] {failure.Document}: {failure.Reason}");
        }

        var runner = new QueryRunner(api, new RelevanceJudge(uploaded.NamesById), uploaded.NamesById.Keys.ToList(), k, platform);
        var outcomes = await RunQueriesAsync(runner, dataset.Queries, modes, cancellationToken);
        var searchSeconds = clock.Elapsed.TotalSeconds - ingestSeconds;
        AnswersReport? answers = null;
        if (dataset.Answers.Count > 0 && answerModes.Count > 0)
        {
            answers = await new AnswerEvaluator(api, uploaded, console).EvaluateAsync(dataset.Answers, answerModes, cancellationToken);
            platform = platform with { Chat = answers.AnsweredAs };
        }

        var timings = new Timings(Math.Round(ingestSeconds, 2), Math.Round(searchSeconds, 2), answers is null ? null : Math.Round(clock.Elapsed.TotalSeconds - ingestSeconds - searchSeconds, 2));
        OcrReport? ocr = null;
        if (dataset.Transcripts.Count > 0)
        {
            ocr = platform.Ocr
                ? await new OcrEvaluator(api, uploaded).EvaluateAsync(dataset.Transcripts, cancellationToken)
                : OcrEvaluator.Unavailable(PlatformCapabilities.OcrReasonOf(status));
        }

        var pages = await PageComparison.RunAsync(dataset, outcomes, modes, cancellationToken);
        var (overall, byKind, byTag, queries) = EvalSummary.Build(outcomes, modes, k);
        var report = new EvalReport(
            dataset.Folder,
            api.Server?.ToString() ?? string.Empty,
            k,
            EvalSummary.CutoffsFor(k),
            platform,
            new DocumentsSummary(dataset.Documents.Count, uploaded.Uploaded, uploaded.Reused, uploaded.Failed),
            timings,
            overall,
            byKind,
            byTag,
            queries,
            ocr,
            answers,
            pages);
        EvalTables.Render(console, report);
        if (ocr is not null)
        {
            OcrTables.Render(console, ocr);
        }

        if (answers is not null)
        {
            AnswerTables.Render(console, answers);
        }

        if (pages is not null)
        {
            PageTables.Render(console, pages);
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Upload and ingestion {timings.IngestSeconds:0.0} s ({uploaded.Uploaded} ingested, {uploaded.Reused} reused); {outcomes.Count(o => o.Skipped is null)} searches {timings.SearchSeconds:0.0} s.");

        if (jsonFile is not null)
        {
            jsonFile.Directory?.Create();
            await using var stream = jsonFile.Create();
            await JsonSerializer.SerializeAsync(stream, report, ReportJson, cancellationToken);
            console.MarkupLineInterpolated($"Report written to {jsonFile.FullName}");
        }

        var answersFailed = answers?.Questions.Any(q => q.Failed is not null) ?? false;
        return uploaded.Failed.Count == 0 && !answersFailed ? ExitCodes.Success : ExitCodes.Failure;
    }

    private void DescribePlatform(PlatformCapabilities platform)
    {
        if (!platform.DenseText)
        {
            console.MarkupLine("[yellow]Dense search is off on the server (no CLIP model, no text space): dense runs and image queries are skipped; hybrid text runs are lexical.[/]");
        }
        else if (!platform.Dense)
        {
            console.MarkupLine("[yellow]No CLIP model on the server: image queries are skipped; text queries are searched densely in the text space only.[/]");
        }

        if (platform.TextSpace)
        {
            console.MarkupLine("The text space is on: dense and hybrid text queries include the sentence encoder's list.");
        }

        if (!platform.Ocr)
        {
            console.MarkupLine("[yellow]The server reports no OCR: words that exist only as pixels (chart labels, screenshots) cannot be found lexically.[/]");
        }

        if (platform.Reranking)
        {
            console.MarkupLine("Re-ranking is on: in every mode the text hits at the head of each list are in the cross-encoder's order.");
        }
    }

    private async Task<List<QueryOutcome>> RunQueriesAsync(QueryRunner runner, IReadOnlyList<EvalQuery> queries, IReadOnlyList<string> modes, CancellationToken cancellationToken)
    {
        var outcomes = new List<QueryOutcome>(queries.Count * modes.Count);
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Running {queries.Count} queries × {modes.Count} modes", maxValue: queries.Count * modes.Count);
                foreach (var mode in modes)
                {
                    foreach (var query in queries)
                    {
                        outcomes.Add(await runner.RunAsync(query, mode, cancellationToken));
                        task.Increment(1);
                    }
                }
            });
        return outcomes;
    }

    private sealed record RunOptions(IReadOnlyList<string> Modes, IReadOnlyList<string> AnswerModes, FileInfo? JsonFile, int K, bool Reuse);
}
