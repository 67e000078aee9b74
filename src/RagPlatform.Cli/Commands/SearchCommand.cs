using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag search "text"` and `rag search --image file.png`.</summary>
internal sealed class SearchCommand(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command Build()
    {
        var query = new Argument<string?>("query") { Description = "Text to search for", Arity = ArgumentArity.ZeroOrOne };
        var image = new Option<FileInfo?>("--image") { Description = "Search with this image (alone or with a text)" };
        var modality = new Option<string[]>("--modality") { Description = "Only these kinds of hit: text, image, page", AllowMultipleArgumentsPerToken = true };
        modality.AcceptOnlyFromAmong("text", "image", "page");
        var document = DocumentIdsOption.Create("Only hits from these document ids");
        var limit = new Option<int>("--limit") { Description = "Number of hits", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON answer" };
        var allChunks = new Option<bool>("--all-chunks") { Description = "List every matching chunk instead of one hit per page" };

        var command = new Command("search", "Search the documents by text, by image, or both") { query, image, modality, document, limit, json, allChunks };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(query), parse.GetValue(image), parse.GetValue(modality) ?? [], parse.GetValue(document) ?? [], parse.GetValue(limit), parse.GetValue(json), !parse.GetValue(allChunks), ct));
        return command;
    }

    private async Task<int> RunAsync(string? query, FileInfo? image, string[] modalities, Guid[] documents, int limit, bool json, bool collapse, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query) && image is null)
        {
            console.MarkupLine("[red]Give a text to search for, or --image FILE.[/]");
            return ExitCodes.UsageError;
        }

        if (image is { Exists: false })
        {
            console.MarkupLineInterpolated($"[red]Not found:[/] {image.FullName}");
            return ExitCodes.UsageError;
        }

        var result = await client().SearchAsync(query, image?.FullName, modalities, documents, limit, cancellationToken, collapse: collapse);
        if (json)
        {
            // Straight to the output: the console would wrap a long line at its width and break the JSON.
            await console.Profile.Out.Writer.WriteLineAsync(JsonSerializer.Serialize(result, ApiJson.Options).AsMemory(), cancellationToken);
            return ExitCodes.Success;
        }

        if (result.Notice is not null)
        {
            console.MarkupLineInterpolated($"[yellow]{result.Notice}[/]");
        }

        if (result.Hits.Count == 0)
        {
            console.MarkupLine("No hits.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("#", "Score", "Kind", "Document", "Page", "Snippet");
        table.Caption($"{result.Hits.Count} hits · {result.Mode}");
        var rank = 0;
        foreach (var hit in result.Hits)
        {
            table.AddRow(
                (++rank).ToString(CultureInfo.InvariantCulture),
                Describe(hit.Score),
                hit.Modality,
                Markup.Escape(hit.DocumentName),
                hit.MoreOnPage > 0 ? $"{hit.Page.ToString(CultureInfo.InvariantCulture)}\n[grey]+{hit.MoreOnPage.ToString(CultureInfo.InvariantCulture)} more[/]" : hit.Page.ToString(CultureInfo.InvariantCulture),
                Highlight(hit.Snippet));
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private static string Describe(ScoreView score)
    {
        var parts = new List<string> { score.Final.ToString("0.0000", CultureInfo.InvariantCulture) };
        if (score.Dense is { } dense)
        {
            parts.Add($"[grey]dense {dense.ToString("0.000", CultureInfo.InvariantCulture)}[/]");
        }

        if (score.Lexical is { } lexical)
        {
            parts.Add($"[grey]bm25 {lexical.ToString("0.00", CultureInfo.InvariantCulture)}[/]");
        }

        return string.Join('\n', parts);
    }

    /// <summary>Shows the server's «match» markers in bold.</summary>
    private static string Highlight(string? snippet) =>
        snippet is null ? string.Empty : Markup.Escape(snippet).Replace("«", "[bold yellow]", StringComparison.Ordinal).Replace("»", "[/]", StringComparison.Ordinal);
}
