using System.Globalization;
using Spectre.Console;

namespace RagPlatform.Cli.Eval;

/// <summary>Prints the answers section of a report: citation precision and recall, key-fact match and
/// not-found rates per answering mode and per tag, then the questions that failed.</summary>
internal static class AnswerTables
{
    public static void Render(IAnsiConsole console, AnswersReport answers)
    {
        if (!answers.Available)
        {
            console.MarkupLineInterpolated($"[yellow]Answers not measured: {answers.Reason?.TrimEnd('.')}.[/]");
            return;
        }

        var table = new Table()
            .AddColumn(new TableColumn("Answers").NoWrap())
            .AddColumn(new TableColumn("Mode").NoWrap())
            .AddColumn(new TableColumn("Answered as").NoWrap())
            .AddColumn(new TableColumn("n").RightAligned())
            .AddColumn(new TableColumn("Cit. precision").RightAligned())
            .AddColumn(new TableColumn("Cit. recall").RightAligned())
            .AddColumn(new TableColumn("Key facts").RightAligned())
            .AddColumn(new TableColumn("Not found (unanswerable)").RightAligned())
            .AddColumn(new TableColumn("False not found").RightAligned());
        foreach (var row in answers.Overall.Concat(answers.ByTag))
        {
            table.AddRow(
                Markup.Escape(row.Tag ?? "all"),
                row.Mode,
                Markup.Escape(row.AnsweredAs ?? "–"),
                $"{row.Answerable}+{row.Unanswerable}",
                Value(row, AnswerScoring.CitationPrecision),
                Value(row, AnswerScoring.CitationRecall),
                Value(row, AnswerScoring.KeyFactMatch),
                Value(row, AnswerScoring.NotFoundRate),
                Value(row, AnswerScoring.FalseNotFoundRate));
        }

        console.Write(table);
        console.MarkupLine("[grey]n: answerable + unanswerable questions answered. Citation precision over answers that cite; the rest over answerable questions (eval/README.md).[/]");
        foreach (var failed in answers.Questions.Where(q => q.Failed is not null))
        {
            console.MarkupLineInterpolated($"[yellow]Question '{failed.Id}' ({failed.Mode}) not scored: {failed.Failed}[/]");
        }
    }

    private static string Value(AnswerMetricRow row, string metric) =>
        row.Metrics is not null && row.Metrics.TryGetValue(metric, out var value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "[grey]–[/]";
}
