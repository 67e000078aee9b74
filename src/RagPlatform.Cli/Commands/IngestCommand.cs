using System.CommandLine;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag ingest &lt;files or folders&gt;`: uploads, then follows each document's ingestion with a
/// progress bar until it is ready or failed.</summary>
internal sealed class IngestCommand(Func<RagApiClient> client, IAnsiConsole console)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public Command Build()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (folders are searched recursively for PDFs and images)", Arity = ArgumentArity.OneOrMore };
        var noWait = new Option<bool>("--no-wait") { Description = "Upload and return without waiting for ingestion" };
        var command = new Command("ingest", "Upload documents and follow their ingestion") { paths, noWait };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(paths)!, parse.GetValue(noWait), ct));
        return command;
    }

    private async Task<int> RunAsync(string[] paths, bool noWait, CancellationToken cancellationToken)
    {
        var (files, missing) = FileCollector.Collect(paths);
        foreach (var path in missing)
        {
            console.MarkupLineInterpolated($"[red]Not found:[/] {path}");
        }

        if (files.Count == 0)
        {
            console.MarkupLine("[red]Nothing to ingest.[/]");
            return ExitCodes.UsageError;
        }

        var api = client();
        var uploaded = new List<(string File, DocumentView Document)>();
        var refused = 0;
        foreach (var file in files)
        {
            try
            {
                var result = await api.UploadAsync(file, cancellationToken);
                uploaded.Add((file, result.Document));
                var note = result.Duplicate ? " [grey](already uploaded)[/]" : string.Empty;
                console.MarkupLine($"Uploaded {Markup.Escape(Path.GetFileName(file))} → {result.Document.Id}{note}");
            }
            catch (RagApiException ex) when (ex.StatusCode != 0)
            {
                refused++;
                console.MarkupLineInterpolated($"[red]Refused[/] {Path.GetFileName(file)}: {ex.Message}");
            }
        }

        if (noWait || uploaded.Count == 0)
        {
            return refused == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }

        var finished = await FollowAsync(api, uploaded, cancellationToken);
        RenderSummary(finished);
        return refused == 0 && finished.All(d => d.Status == "ready") ? ExitCodes.Success : ExitCodes.Failure;
    }

    private async Task<List<DocumentView>> FollowAsync(RagApiClient api, List<(string File, DocumentView Document)> uploaded, CancellationToken cancellationToken)
    {
        var latest = uploaded.Select(u => u.Document).ToList();
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var tasks = uploaded.Select(u => progress.AddTask(Markup.Escape(Path.GetFileName(u.File)), maxValue: 1)).ToList();
                while (true)
                {
                    for (var i = 0; i < latest.Count; i++)
                    {
                        if (!latest[i].IsFinished)
                        {
                            latest[i] = await api.GetDocumentAsync(latest[i].Id, cancellationToken);
                        }

                        Show(tasks[i], Path.GetFileName(uploaded[i].File), latest[i]);
                    }

                    if (latest.All(d => d.IsFinished))
                    {
                        return;
                    }

                    await Task.Delay(PollInterval, cancellationToken);
                }
            });
        return latest;
    }

    private static void Show(ProgressTask task, string name, DocumentView document)
    {
        var p = document.Progress;
        task.MaxValue = Math.Max(1, p.PagesTotal);
        task.Value = document.Status == "ready" ? task.MaxValue : p.PagesDone;
        var colour = document.Status switch { "ready" => "green", "failed" => "red", _ => "yellow" };
        task.Description = $"{Markup.Escape(name)} [{colour}]{document.Status}[/] {p.PagesDone}/{p.PagesTotal} pages";
        if (document.IsFinished)
        {
            task.StopTask();
        }
    }

    private void RenderSummary(List<DocumentView> documents)
    {
        var table = new Table().AddColumns("Document", "Status", "Pages", "Items", "Reason");
        foreach (var d in documents)
        {
            var status = d.Status == "ready" ? "[green]ready[/]" : $"[red]{Markup.Escape(d.Status)}[/]";
            table.AddRow(Markup.Escape(d.FileName), status, $"{d.Progress.PagesDone}/{d.Progress.PagesTotal}", d.ItemCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(d.Error ?? string.Empty));
        }

        console.Write(table);
    }
}
