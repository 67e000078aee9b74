using System.CommandLine;
using System.Text.Json;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag ask "question"`: one answer, streamed to the terminal as it is written, then its
/// sources and what the server's check found.</summary>
internal sealed class AskCommand(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command Build()
    {
        var question = new Argument<string?>("question") { Description = "What to ask the documents", Arity = ArgumentArity.ZeroOrOne };
        var document = DocumentOption();
        var mode = ModeOption();
        var json = new Option<bool>("--json") { Description = "Print the final answer as the server's JSON (no streaming)" };
        var command = new Command("ask", "Ask a question and get an answer with citations from your documents") { question, document, mode, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(question), parse.GetValue(document) ?? [], parse.GetValue(mode)!, parse.GetValue(json), ct));
        return command;
    }

    public static Option<Guid[]> DocumentOption() => DocumentIdsOption.Create("Answer only from these document ids (repeat the option)");

    public static Option<string> ModeOption()
    {
        var mode = new Option<string>("--mode")
        {
            Description = "grounded: one search, then the answer; agentic: the model searches as often as it needs",
            DefaultValueFactory = _ => AnswerModes.Grounded,
        };
        mode.AcceptOnlyFromAmong([.. AnswerModes.Requestable]);
        return mode;
    }

    private async Task<int> RunAsync(string? question, Guid[] documents, string mode, bool json, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            console.MarkupLine("[red]Give a question: rag ask \"what does the report say about …?\"[/]");
            return ExitCodes.UsageError;
        }

        var api = client();
        var request = new ChatRequestBody(question.Trim(), null, documents, mode, Stream: !json);
        var printer = new AnswerPrinter(console);
        try
        {
            if (json)
            {
                // Straight to the output: the console would wrap a long line at its width and break the JSON.
                await console.Profile.Out.Writer.WriteLineAsync(JsonSerializer.Serialize(await api.AskAsync(request, cancellationToken), ApiJson.Options).AsMemory(), cancellationToken);
            }
            else
            {
                await printer.PrintAsync(api.StreamAnswerAsync(request, cancellationToken), cancellationToken);
            }

            return ExitCodes.Success;
        }
        catch (RagApiException ex) when (ex.StatusCode != 0)
        {
            return printer.Failure(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            printer.EndLine();
            console.MarkupLine("[yellow]Cancelled.[/]");
            return ExitCodes.Cancelled;
        }
    }
}
