using System.Globalization;
using Spectre.Console;

namespace RagPlatform.Cli.Eval;

/// <summary>Prints the page-level comparison: per mode and tag, the platform next to the page-BM25
/// baseline, then the questions where the platform's first page is not an answering one.</summary>
internal static class PageTables
{
    public static void Render(IAnsiConsole console, PageReport report)
    {
        if (!report.Available)
        {
            console.MarkupLineInterpolated($"[yellow]No page baseline: {report.Reason}[/]");
            return;
        }

        console.MarkupLineInterpolated($"Answering page by page (first {report.Depth} distinct pages), platform vs {report.Baseline} ({report.BaselinePages} pages):");
        var table = new Table()
            .AddColumn(new TableColumn("Tag").NoWrap())
            .AddColumn(new TableColumn("Mode").NoWrap())
            .AddColumn(new TableColumn("n").RightAligned());
        foreach (var header in new[] { "First", "First BM25", "Top-5", "Top-5 BM25", "MRR", "MRR BM25" })
        {
            table.AddColumn(new TableColumn(header).RightAligned().NoWrap());
        }

        foreach (var row in report.Rows.OrderBy(r => r.Tag is null ? 1 : 0).ThenBy(r => r.Tag, StringComparer.Ordinal).ThenBy(r => r.Mode, StringComparer.Ordinal))
        {
            table.AddRow(
                row.Tag is null ? "[bold]all[/]" : Markup.Escape(row.Tag),
                row.Mode,
                row.Queries.ToString(CultureInfo.InvariantCulture),
                Number(row.Platform.FirstHit, row.Baseline.FirstHit),
                Number(row.Baseline.FirstHit),
                Number(row.Platform.Top5, row.Baseline.Top5),
                Number(row.Baseline.Top5),
                Number(row.Platform.Mrr, row.Baseline.Mrr),
                Number(row.Baseline.Mrr));
        }

        console.Write(table);
        foreach (var miss in report.Queries.Where(q => q.PlatformRank != 1))
        {
            var rank = miss.PlatformRank?.ToString(CultureInfo.InvariantCulture) ?? "–";
            var baseline = miss.BaselineRank?.ToString(CultureInfo.InvariantCulture) ?? "–";
            console.MarkupLineInterpolated($"[grey]  {miss.Mode} {miss.Id}: answering page at {rank} (BM25 {baseline}); first pages {string.Join(", ", miss.PlatformPages.Take(3))}[/]");
        }
    }

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The platform's number, red when below the baseline.</summary>
    private static string Number(double value, double baseline) =>
        value < baseline ? $"[red]{Number(value)}[/]" : Number(value);
}
