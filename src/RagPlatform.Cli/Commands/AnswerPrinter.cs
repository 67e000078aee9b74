using System.Globalization;
using System.Text.Json;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>Writes answers to the terminal: the text as it streams in, tool calls as dim lines, then
/// what the server's check found: the cited sources, weak or uncited claims, removed citations, and
/// the notice (shown once per printer, so a chat does not repeat it every turn).</summary>
internal sealed class AnswerPrinter(IAnsiConsole console)
{
    private const int SnippetLength = 160;
    private const int ToolResultLength = 120;

    private readonly HashSet<string> noticesShown = new(StringComparer.Ordinal);
    private bool midLine;
    private bool textShown;

    /// <summary>The conversation of the last answer streamed, known from its first event on.</summary>
    public Guid? ConversationId { get; private set; }

    /// <summary>Prints a streamed answer event by event.</summary>
    /// <returns>The final, checked answer.</returns>
    public async Task<AnswerView> PrintAsync(IAsyncEnumerable<ChatEvent> events, CancellationToken cancellationToken)
    {
        (midLine, textShown) = (false, false);
        AnswerView? answer = null;
        await foreach (var chatEvent in events.WithCancellation(cancellationToken))
        {
            switch (chatEvent)
            {
                case ConversationStarted started:
                    ConversationId = started.ConversationId;
                    break;
                case ToolCalled tool:
                    Tool(tool.Call);
                    break;
                case AnswerDelta delta:
                    console.Write(new Text(delta.Text));
                    midLine = delta.Text.Length > 0 ? !delta.Text.EndsWith('\n') : midLine;
                    textShown |= delta.Text.Length > 0;
                    break;
                case AnswerCompleted completed:
                    answer = completed.Answer;
                    break;
            }
        }

        if (answer is null)
        {
            throw new RagApiException(502, "The server ended the answer stream without an answer.");
        }

        ConversationId = answer.ConversationId;
        if (!textShown)
        {
            console.Write(new Text(answer.Text));
            midLine = !answer.Text.EndsWith('\n');
        }

        EndLine();
        Details(answer);
        return answer;
    }

    /// <summary>A stored answer (rag conversations show): the text, then what the check found.</summary>
    public void Print(AnswerView answer)
    {
        console.WriteLine(answer.Text.TrimEnd());
        Details(answer);
    }

    /// <summary>Ends a line the answer text left open (before an error message, say).</summary>
    public void EndLine()
    {
        if (midLine)
        {
            console.WriteLine();
            midLine = false;
        }
    }

    /// <summary>Prints a refused or failed answer in red.</summary>
    /// <returns>The exit code: a usage error when the server found the request itself wrong (400),
    /// else a failure.</returns>
    public int Failure(RagApiException failure)
    {
        EndLine();
        console.MarkupLineInterpolated($"[red]{failure.Message}[/]");
        return failure.StatusCode == 400 ? ExitCodes.UsageError : ExitCodes.Failure;
    }

    private void Tool(ToolCallView call)
    {
        EndLine();
        var arguments = call.Arguments is { } json ? JsonSerializer.Serialize(json, ApiJson.Options) : string.Empty;
        console.MarkupLineInterpolated($"[dim]· {call.Name} {arguments} → {Shorten(call.Result, ToolResultLength)}[/]");
    }

    private void Details(AnswerView answer)
    {
        if (answer.Notice is { Length: > 0 } notice && noticesShown.Add(notice))
        {
            console.MarkupLineInterpolated($"[yellow]Note: {notice}[/]");
        }

        if (answer.NotFound)
        {
            console.MarkupLine("[yellow]The documents do not hold the answer.[/]");
        }

        if (answer.Citations.Count > 0)
        {
            console.MarkupLine("[bold]Sources[/]");
            foreach (var citation in answer.Citations)
            {
                var page = citation.Page.ToString(CultureInfo.InvariantCulture);
                console.MarkupLineInterpolated($"  [[{citation.Number}]] {citation.DocumentName}, page {page} [dim]{Shorten(WithoutMatchMarks(citation.Snippet), SnippetLength)}[/]");
            }
        }

        foreach (var claim in answer.Claims.Where(c => c.Weak))
        {
            var support = claim.Support is { } value ? $" ({value.ToString("0.00", CultureInfo.InvariantCulture)})" : string.Empty;
            console.MarkupLineInterpolated($"[yellow]⚠ weakly supported{support}:[/] {claim.Sentence}");
        }

        foreach (var sentence in answer.Unsupported)
        {
            console.MarkupLineInterpolated($"[yellow]⚠ cites no source:[/] {sentence}");
        }

        if (answer.RemovedCitations.Count > 0)
        {
            var removed = string.Join(", ", answer.RemovedCitations.Select(n => $"[{n}]"));
            console.MarkupLineInterpolated($"[yellow]⚠ removed {removed}: named no source the model was given.[/]");
        }
    }

    /// <summary>The search snippet without its «match» marks: here the words of the question matter
    /// less than the passage, and a mark cut off by shortening would dangle.</summary>
    private static string? WithoutMatchMarks(string? snippet) =>
        snippet?.Replace("«", string.Empty, StringComparison.Ordinal).Replace("»", string.Empty, StringComparison.Ordinal);

    /// <summary>One line of at most <paramref name="length"/> characters.</summary>
    private static string Shorten(string? text, int length)
    {
        var line = string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= length ? line : string.Concat(line.AsSpan(0, length - 1), "…");
    }
}
