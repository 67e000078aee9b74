using Spectre.Console;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>Console output of the suites: progress lines, tables, notes. Text from outside
/// (paths, messages) is escaped so Spectre never reads it as markup.</summary>
internal static class BenchConsole
{
    static BenchConsole()
    {
        // Redirected output (a log file, CI) would otherwise be wrapped at 80 columns.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 160;
        }
    }

    public static void Heading(string text) => AnsiConsole.Write(new Rule(Markup.Escape(text)).LeftJustified());

    public static void Info(string text) => AnsiConsole.MarkupLine("[grey]" + Markup.Escape(text) + "[/]");

    public static void Warn(string text) => AnsiConsole.MarkupLine("[yellow]" + Markup.Escape(text) + "[/]");

    public static void Fail(string text) => AnsiConsole.MarkupLine("[red]" + Markup.Escape(text) + "[/]");

    public static void Pass(string text) => AnsiConsole.MarkupLine("[green]" + Markup.Escape(text) + "[/]");

    /// <summary>The first <paramref name="labelColumns"/> columns are left-aligned labels, the rest right-aligned numbers.</summary>
    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, int labelColumns = 1)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(headers[i]));
            table.AddColumn(i < labelColumns ? column : column.RightAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => new Markup(Markup.Escape(cell))).ToArray());
        }

        AnsiConsole.Write(table);
    }
}
