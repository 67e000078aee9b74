using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>Follows documents through ingestion with a progress bar each (pages done of total) until
/// every one is ready or failed, then shows a summary table. Used by `rag ingest` and `rag reindex`.</summary>
internal sealed class IngestionFollower(IAnsiConsole console)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <returns>The documents as they finished.</returns>
    public async Task<List<DocumentView>> FollowAsync(RagApiClient api, IReadOnlyList<(string Label, DocumentView Document)> documents, CancellationToken cancellationToken)
    {
        var latest = documents.Select(u => u.Document).ToList();
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var tasks = documents.Select(u => progress.AddTask(Markup.Escape(u.Label), maxValue: 1)).ToList();
                while (true)
                {
                    for (var i = 0; i < latest.Count; i++)
                    {
                        if (!latest[i].IsFinished)
                        {
                            latest[i] = await api.GetDocumentAsync(latest[i].Id, cancellationToken);
                        }

                        Show(tasks[i], documents[i].Label, latest[i]);
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

    public void RenderSummary(IEnumerable<DocumentView> documents)
    {
        var table = new Table().AddColumns("Document", "Status", "Pages", "Items", "Reason");
        foreach (var d in documents)
        {
            var status = d.Status == "ready" ? "[green]ready[/]" : $"[red]{Markup.Escape(d.Status)}[/]";
            table.AddRow(Markup.Escape(d.FileName), status, $"{d.Progress.PagesDone}/{d.Progress.PagesTotal}", d.ItemCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(d.Error ?? string.Empty));
        }

        console.Write(table);
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
}
