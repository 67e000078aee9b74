using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag list`, `rag delete &lt;documents&gt;` and `rag reindex &lt;documents&gt;`. A document is
/// named by its id, a unique start of its id, or its file name.</summary>
internal sealed class DocumentsCommands(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command BuildList()
    {
        var take = new Option<int>("--take") { Description = "How many of the newest documents", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the documents as JSON (full ids) instead of a table" };
        var command = new Command("list", "List documents, newest first") { take, json };
        command.SetAction((parse, ct) => ListAsync(parse.GetValue(take), parse.GetValue(json), ct));
        return command;
    }

    public Command BuildDelete()
    {
        var documents = new Argument<string[]>("documents") { Description = "Document ids, unique id starts, or file names", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Delete documents with their files, items and vectors") { documents };
        command.SetAction((parse, ct) => DeleteAsync(parse.GetValue(documents)!, ct));
        return command;
    }

    public Command BuildReindex()
    {
        var documents = new Argument<string[]>("documents") { Description = "Document ids, unique id starts, or file names", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every document (for example after installing the CLIP model)" };
        var noWait = new Option<bool>("--no-wait") { Description = "Queue and return without following the ingestion" };
        var command = new Command("reindex", "Ingest stored documents again from their originals, following their progress") { documents, all, noWait };
        command.SetAction((parse, ct) => ReindexAsync(parse.GetValue(documents) ?? [], parse.GetValue(all), parse.GetValue(noWait), ct));
        return command;
    }

    private async Task<int> ReindexAsync(string[] references, bool all, bool noWait, CancellationToken cancellationToken)
    {
        var api = client();
        if (all == (references.Length > 0))
        {
            console.MarkupLine("[red]Give documents or --all (not both).[/]");
            return ExitCodes.UsageError;
        }

        var (targets, problems) = all ? (await DocumentReferences.ListAllAsync(api, cancellationToken), []) : await DocumentReferences.ResolveAsync(api, references, cancellationToken);
        if (ReportProblems(problems))
        {
            return ExitCodes.UsageError;
        }

        var queued = new List<(string Label, DocumentView Document)>();
        foreach (var target in targets)
        {
            var document = await api.ReindexAsync(target.Id, cancellationToken);
            queued.Add((document.FileName, document));
            console.MarkupLineInterpolated($"Queued {document.FileName} ({DocumentReferences.ShortId(document.Id)})");
        }

        if (noWait || queued.Count == 0)
        {
            console.MarkupLine($"{queued.Count} document(s) queued; follow them with `rag list`.");
            return ExitCodes.Success;
        }

        var follower = new IngestionFollower(console);
        var finished = await follower.FollowAsync(api, queued, cancellationToken);
        follower.RenderSummary(finished);
        return finished.All(d => d.Status == "ready") ? ExitCodes.Success : ExitCodes.Failure;
    }

    private async Task<int> ListAsync(int take, bool json, CancellationToken cancellationToken)
    {
        var documents = await client().ListAsync(0, take, cancellationToken);
        if (json)
        {
            // Written as it is: the console would wrap long lines and break the JSON.
            await console.Profile.Out.Writer.WriteLineAsync(JsonSerializer.Serialize(documents, ApiJson.Options).AsMemory(), cancellationToken);
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("Id", "Name", "Status", "Pages", "Items", "Added");
        foreach (var d in documents)
        {
            table.AddRow(
                DocumentReferences.ShortId(d.Id),
                Markup.Escape(d.FileName),
                Markup.Escape(d.Status + (d.Error is null ? string.Empty : $": {d.Error}")),
                $"{d.Progress.PagesDone}/{d.Progress.PagesTotal}",
                d.ItemCount.ToString(CultureInfo.InvariantCulture),
                d.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private async Task<int> DeleteAsync(string[] references, CancellationToken cancellationToken)
    {
        var api = client();
        var (targets, problems) = await DocumentReferences.ResolveAsync(api, references, cancellationToken);
        if (ReportProblems(problems))
        {
            return ExitCodes.UsageError;
        }

        foreach (var target in targets)
        {
            await api.DeleteAsync(target.Id, cancellationToken);
            console.MarkupLineInterpolated($"Deleted {target.FileName} ({DocumentReferences.ShortId(target.Id)})");
        }

        return ExitCodes.Success;
    }

    /// <returns>True when there were problems (each printed): nothing is changed then.</returns>
    private bool ReportProblems(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            console.MarkupLineInterpolated($"[red]{problem}[/]");
        }

        return problems.Count > 0;
    }
}
