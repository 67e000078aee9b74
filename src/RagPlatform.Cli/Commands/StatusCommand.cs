using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RagPlatform.Cli.Api;
using RagPlatform.Cli.Eval;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag status`: model availability, document and item counts, queue length.</summary>
internal sealed class StatusCommand(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print the server's JSON answer" };
        var command = new Command("status", "Show what the platform holds and whether dense search is on") { json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(json), ct));
        return command;
    }

    private async Task<int> RunAsync(bool json, CancellationToken cancellationToken)
    {
        var status = await client().StatusAsync(cancellationToken);
        if (json)
        {
            console.WriteLine(JsonSerializer.Serialize(status, ApiJson.Options));
            return ExitCodes.Success;
        }

        console.MarkupLine(status.Dense.Available
            ? $"Dense search: [green]on[/] ({status.Dense.Dimensions}-d CLIP)"
            : $"Dense search: [yellow]off[/] — {Markup.Escape(status.Dense.Reason ?? "no model")}");
        if (status.Ocr is not null)
        {
            console.MarkupLine(PlatformCapabilities.From(status).Ocr
                ? "OCR: [green]on[/] (text inside images is read)"
                : $"OCR: [yellow]off[/] — {Markup.Escape(PlatformCapabilities.OcrReasonOf(status) ?? "no models")}");
        }

        if (status.Reranking is { } reranking)
        {
            console.MarkupLine(reranking.Enabled
                ? $"Re-ranking: [green]on[/] (first {reranking.TopN} hits, cross-encoder)"
                : $"Re-ranking: off — {Markup.Escape(reranking.Reason ?? "not configured")}");
        }

        if (status.TextSpace is { } textSpace)
        {
            console.MarkupLine(textSpace.Available
                ? $"Text space: [green]on[/] ({textSpace.Dimensions}-d {Markup.Escape(textSpace.Model ?? "sentence encoder")}, {Number(textSpace.Vectors)} text vectors)"
                : $"Text space: off — {Markup.Escape(textSpace.Reason ?? "not configured")}"
                    + (textSpace.Vectors > 0 ? $" ({Number(textSpace.Vectors)} stored vectors unused)" : ""));
        }

        var table = new Table().AddColumns("", "Count");
        if (status.Collection is { } collection)
        {
            table.Caption($"documents, items and vectors of collection {Markup.Escape(collection)}; queue of all");
        }

        foreach (var (name, count) in status.Documents)
        {
            table.AddRow($"documents {name}", Number(count));
        }

        foreach (var (name, count) in status.Items)
        {
            table.AddRow($"items {name}", Number(count));
        }

        table.AddRow("vectors", Number(status.Vectors));
        if (status.TextSpace is { } space)
        {
            table.AddRow("text-space vectors", Number(space.Vectors));
        }

        table.AddRow("ingestion queue", Number(status.QueueLength));
        console.Write(table);
        return ExitCodes.Success;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
