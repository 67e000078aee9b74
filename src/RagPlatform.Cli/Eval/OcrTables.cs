using System.Globalization;
using Spectre.Console;

namespace RagPlatform.Cli.Eval;

/// <summary>Prints the OCR section of a report: character error rate per tag and overall, then the
/// worst units with the lines they got wrong, then the transcripts that could not be scored.</summary>
internal static class OcrTables
{
    /// <summary>Units listed with their errors; the JSON report holds them all.</summary>
    private const int WorstShown = 5;

    /// <summary>Wrong lines shown per unit.</summary>
    private const int ErrorsShown = 4;

    public static void Render(IAnsiConsole console, OcrReport ocr)
    {
        if (!ocr.Available)
        {
            console.MarkupLineInterpolated($"[yellow]OCR not measured: {ocr.Reason?.TrimEnd('.')}.[/]");
            return;
        }

        if (ocr.Overall is { } overall)
        {
            var table = new Table()
                .AddColumn(new TableColumn("OCR tag").NoWrap())
                .AddColumn(new TableColumn("Units").RightAligned())
                .AddColumn(new TableColumn("Characters").RightAligned())
                .AddColumn(new TableColumn("Edits").RightAligned())
                .AddColumn(new TableColumn("CER").RightAligned());
            foreach (var row in ocr.ByTag.Append(overall))
            {
                table.AddRow(Markup.Escape(row.Tag ?? "all"), Integer(row.Units), Integer(row.ReferenceCharacters), Integer(row.Edits), Percent(row.Cer));
            }

            console.Write(table);
            console.MarkupLine("[grey]CER: character edits / reference characters, lines paired in whichever order costs fewest edits (eval/README.md).[/]");
        }

        var worst = ocr.Transcripts.Where(t => t.Edits > 0).Take(WorstShown).ToList();
        if (worst.Count > 0)
        {
            var table = new Table()
                .AddColumn(new TableColumn("Worst units").NoWrap())
                .AddColumn(new TableColumn("CER").RightAligned().NoWrap())
                .AddColumn(new TableColumn("Drawn → read"));
            foreach (var unit in worst)
            {
                var errors = unit.Errors.Take(ErrorsShown).Select(e => $"{Quoted(e.Reference)} → {Quoted(e.Read)}").ToList();
                if (unit.Errors.Count > ErrorsShown)
                {
                    errors.Add($"… {unit.Errors.Count - ErrorsShown} more");
                }

                table.AddRow(Markup.Escape($"{unit.Id}\n{unit.Unit}"), Percent(unit.Cer), Markup.Escape(string.Join('\n', errors)));
            }

            console.Write(table);
        }

        foreach (var skipped in ocr.Skipped)
        {
            console.MarkupLineInterpolated($"[yellow]Transcript '{skipped.Id}' not scored: {skipped.Reason}[/]");
        }
    }

    private static string Quoted(string? line) => line is null ? "–" : $"\"{line}\"";

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
