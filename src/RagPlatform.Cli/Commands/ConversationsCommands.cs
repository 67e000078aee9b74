using System.CommandLine;
using System.Globalization;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag conversations list|show &lt;id&gt;|delete &lt;id&gt;`.</summary>
internal sealed class ConversationsCommands(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command Build()
    {
        var list = new Command("list", "Conversations, newest first");
        list.SetAction((_, ct) => ListAsync(ct));

        var showId = new Argument<Guid>("id") { Description = "Conversation id" };
        var show = new Command("show", "Every turn of a conversation with its answer and sources") { showId };
        show.SetAction((parse, ct) => ShowAsync(parse.GetValue(showId), ct));

        var deleteId = new Argument<Guid>("id") { Description = "Conversation id" };
        var delete = new Command("delete", "Delete a conversation and its turns") { deleteId };
        delete.SetAction((parse, ct) => DeleteAsync(parse.GetValue(deleteId), ct));

        return new Command("conversations", "Conversations held by the server (rag chat starts them)") { list, show, delete };
    }

    private async Task<int> ListAsync(CancellationToken cancellationToken)
    {
        var conversations = await client().ListConversationsAsync(cancellationToken);
        if (conversations.Count == 0)
        {
            console.MarkupLine("No conversations yet; start one with rag chat.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("Id", "Title", "Turns", "Updated");
        foreach (var c in conversations)
        {
            table.AddRow(
                c.Id.ToString(),
                Markup.Escape(c.Title ?? string.Empty),
                c.TurnCount.ToString(CultureInfo.InvariantCulture),
                c.UpdatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private async Task<int> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        ConversationView conversation;
        try
        {
            conversation = await client().GetConversationAsync(id, cancellationToken);
        }
        catch (RagApiException ex) when (ex.StatusCode == 404)
        {
            console.MarkupLineInterpolated($"[red]No conversation {id}[/]");
            return ExitCodes.Failure;
        }

        console.MarkupLineInterpolated($"[bold]{conversation.Title ?? id.ToString()}[/] [dim]({conversation.Turns.Count} turns)[/]");
        var printer = new AnswerPrinter(console);
        foreach (var turn in conversation.Turns)
        {
            console.WriteLine();
            console.MarkupLineInterpolated($"[bold]> {turn.Question}[/]");
            if (turn.Answer is null)
            {
                console.MarkupLine("[grey](no answer)[/]");
                continue;
            }

            printer.Print(turn.Answer);
        }

        return ExitCodes.Success;
    }

    private async Task<int> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await client().DeleteConversationAsync(id, cancellationToken);
            console.MarkupLineInterpolated($"Deleted conversation {id}");
            return ExitCodes.Success;
        }
        catch (RagApiException ex) when (ex.StatusCode == 404)
        {
            console.MarkupLineInterpolated($"[red]No conversation {id}[/]");
            return ExitCodes.Failure;
        }
    }
}
