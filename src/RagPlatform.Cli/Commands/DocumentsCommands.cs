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

    private async Task<int> ListAsync(int take, CancellationToken cancellationToken)
    {
        var documents = await client().ListAsync(take, cancellationToken);
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
