using System.CommandLine;
using System.Globalization;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag list` and `rag delete &lt;ids&gt;`.</summary>
internal sealed class DocumentsCommands(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command BuildList()
    {
        var take = new Option<int>("--take") { Description = "How many of the newest documents", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List documents, newest first") { take };
        command.SetAction((parse, ct) => ListAsync(parse.GetValue(take), ct));
        return command;
    }

    public Command BuildDelete()
    {
        var ids = new Argument<Guid[]>("ids") { Description = "Document ids", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Delete documents with their files, items and vectors") { ids };
        command.SetAction((parse, ct) => DeleteAsync(parse.GetValue(ids)!, ct));
        return command;
    }

    public Command BuildReindex()
    {
        var ids = new Argument<Guid[]>("ids") { Description = "Document ids", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every document (for example after installing the CLIP model)" };
        var command = new Command("reindex", "Ingest stored documents again from their originals") { ids, all };
        command.SetAction((parse, ct) => ReindexAsync(parse.GetValue(ids) ?? [], parse.GetValue(all), ct));
        return command;
    }

    private async Task<int> ReindexAsync(Guid[] ids, bool all, CancellationToken cancellationToken)
    {
        var api = client();
        if (all == (ids.Length > 0))
        {
            console.MarkupLine("[red]Give document ids or --all (not both).[/]");
            return ExitCodes.UsageError;
        }

        // The API lists at most 500 documents a page; --all walks every page.
        var targets = all ? await AllDocumentIdsAsync(api, cancellationToken) : ids;
        foreach (var id in targets)
        {
            var document = await api.ReindexAsync(id, cancellationToken);
            console.MarkupLineInterpolated($"Queued {document.FileName} ({id})");
        }

        console.MarkupLine($"{targets.Count} document(s) queued; follow them with `rag list`.");
        return ExitCodes.Success;
    }

    private static async Task<IReadOnlyList<Guid>> AllDocumentIdsAsync(RagApiClient api, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        for (var skip = 0; ; skip += RagApiClient.MaxPageSize)
        {
            var page = await api.ListAsync(skip, RagApiClient.MaxPageSize, cancellationToken);
            ids.AddRange(page.Select(d => d.Id));
            if (page.Count < RagApiClient.MaxPageSize)
            {
                return ids;
            }
        }
    }

    private async Task<int> ListAsync(int take, CancellationToken cancellationToken)
    {
        var documents = await client().ListAsync(0, take, cancellationToken);
        var table = new Table().AddColumns("Id", "Name", "Status", "Pages", "Items", "Added");
        foreach (var d in documents)
        {
            table.AddRow(
                d.Id.ToString(),
                Markup.Escape(d.FileName),
                Markup.Escape(d.Status + (d.Error is null ? string.Empty : $": {d.Error}")),
                $"{d.Progress.PagesDone}/{d.Progress.PagesTotal}",
                d.ItemCount.ToString(CultureInfo.InvariantCulture),
                d.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private async Task<int> DeleteAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        var api = client();
        var failed = 0;
        foreach (var id in ids)
        {
            try
            {
                await api.DeleteAsync(id, cancellationToken);
                console.MarkupLine($"Deleted {id}");
            }
            catch (RagApiException ex) when (ex.StatusCode == 404)
            {
                failed++;
                console.MarkupLine($"[red]No document {id}[/]");
            }
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
