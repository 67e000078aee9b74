using System.CommandLine;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag chat`: a conversation on the console. Each line read is a question; the
/// conversation id is kept between turns, so the server rewrites a follow-up ("and in April?") into
/// a standalone search query. `/exit` or the end of the input ends it.</summary>
/// <param name="input">Where questions come from: the console's input, or a pipe.</param>
internal sealed class ChatCommand(Func<RagApiClient> client, IAnsiConsole console, TextReader input)
{
    public const string ExitWord = "/exit";

    public Command Build()
    {
        var document = AskCommand.DocumentOption();
        var mode = AskCommand.ModeOption();
        var command = new Command("chat", "Talk with your documents: follow-up questions keep the conversation") { document, mode };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(document) ?? [], parse.GetValue(mode)!, ct));
        return command;
    }

    private async Task<int> RunAsync(Guid[] documents, string mode, CancellationToken cancellationToken)
    {
        var api = client();
        var printer = new AnswerPrinter(console);
        var failures = 0;
        console.MarkupLineInterpolated($"[dim]Ask about your documents ({mode}). Follow-up questions keep the conversation; {ExitWord} or the end of input (Ctrl+D) ends it.[/]");
        try
        {
            while (true)
            {
                console.Markup("[bold]>[/] ");
                var line = await input.ReadLineAsync(cancellationToken);
                if (line is null || line.Trim() == ExitWord)
                {
                    console.WriteLine();
                    break;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    var request = new ChatRequestBody(line.Trim(), printer.ConversationId, documents, mode, Stream: true);
                    await printer.PrintAsync(api.StreamAnswerAsync(request, cancellationToken), cancellationToken);
                }
                catch (RagApiException ex) when (ex.StatusCode != 0)
                {
                    // One failed turn (a model that timed out) does not end the conversation.
                    printer.Failure(ex);
                    failures++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            printer.EndLine();
            console.MarkupLine("[yellow]Cancelled.[/]");
            return ExitCodes.Cancelled;
        }

        if (printer.ConversationId is { } id)
        {
            console.MarkupLineInterpolated($"[dim]Conversation {id}: see it again with rag conversations show {id}[/]");
        }

        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
