using System.Globalization;
using Spectre.Console;

namespace RagPlatform.Cli.Eval;

/// <summary>Prints an evaluation report as Spectre tables: per query kind × mode, per query kind × tag
/// × mode and over all queries, then why some runs were skipped.</summary>
internal static class EvalTables
{
    public static void Render(IAnsiConsole console, EvalReport report)
    {
        console.Write(Table("Query kind", report.ByKind.Select(r => (r.Kind!, r)), report));
        if (report.ByTag.Count > 0)
        {
            console.Write(Table("Query kind / tag", report.ByTag.Select(r => ($"{r.Kind} / {r.Tag}", r)), report));
        }

        console.Write(Table("All queries", report.Overall.Select(r => ("all", r)), report));
        foreach (var skipped in report.Queries.Where(q => q.Skipped is not null).GroupBy(q => (q.Mode, q.Skipped)))
        {
            console.MarkupLineInterpolated($"[grey]– not run: {skipped.Count()} queries in {skipped.Key.Mode} mode ({skipped.Key.Skipped})[/]");
        }
    }

    private static Table Table(string groupTitle, IEnumerable<(string Group, MetricRow Row)> rows, EvalReport report)
    {
        var metricNames = report.Cutoffs.Select(c => $"recall@{c}").Append("mrr").Append($"ndcg@{report.K}").ToList();
        var table = new Table()
            .AddColumn(new TableColumn(groupTitle).NoWrap())
            .AddColumn(new TableColumn("Mode").NoWrap())
            .AddColumn(new TableColumn("n").RightAligned());
        foreach (var name in metricNames)
        {
            table.AddColumn(new TableColumn(Header(name)).RightAligned().NoWrap());
        }

        string? previous = null;
        foreach (var (group, row) in rows)
        {
            var cells = new List<string>
            {
                group == previous ? string.Empty : Markup.Escape(group),
                row.Mode,
                row.Queries.ToString(CultureInfo.InvariantCulture),
            };
            cells.AddRange(metricNames.Select(name => row.Metrics is null ? "[grey]–[/]" : Number(row.Metrics[name])));
            table.AddRow(cells.ToArray());
            previous = group;
        }

        return table;
    }

    private static string Header(string metric) => metric switch
    {
        "mrr" => "MRR",
        _ when metric.StartsWith("recall@", StringComparison.Ordinal) => "R@" + metric["recall@".Length..],
        _ => "nDCG@" + metric["ndcg@".Length..],
    };

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
