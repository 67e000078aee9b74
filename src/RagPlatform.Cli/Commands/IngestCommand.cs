using System.CommandLine;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag ingest &lt;files or folders&gt;`: uploads, then follows each document's ingestion with a
/// progress bar until it is ready or failed.</summary>
internal sealed class IngestCommand(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command Build()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (folders are searched recursively for PDFs and images)", Arity = ArgumentArity.OneOrMore };
        var noWait = new Option<bool>("--no-wait") { Description = "Upload and return without waiting for ingestion" };
        var command = new Command("ingest", "Upload documents and follow their ingestion") { paths, noWait };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(paths)!, parse.GetValue(noWait), ct));
        return command;
    }

    private async Task<int> RunAsync(string[] paths, bool noWait, CancellationToken cancellationToken)
    {
        var (files, missing) = FileCollector.Collect(paths);
        foreach (var path in missing)
        {
            console.MarkupLineInterpolated($"[red]Not found:[/] {path}");
        }

        if (files.Count == 0)
        {
            console.MarkupLine("[red]Nothing to ingest.[/]");
            return ExitCodes.UsageError;
        }

        var api = client();
        var uploaded = new List<(string File, DocumentView Document)>();
        var refused = 0;
        foreach (var file in files)
        {
            try
            {
                var result = await api.UploadAsync(file, cancellationToken);
                uploaded.Add((file, result.Document));
                var note = result.Duplicate ? " [grey](already uploaded)[/]" : string.Empty;
                console.MarkupLine($"Uploaded {Markup.Escape(Path.GetFileName(file))} → {result.Document.Id}{note}");
            }
            catch (RagApiException ex) when (ex.StatusCode != 0)
            {
                refused++;
                console.MarkupLineInterpolated($"[red]Refused[/] {Path.GetFileName(file)}: {ex.Message}");
            }
        }

        if (noWait || uploaded.Count == 0)
        {
            return refused == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }

        var follower = new IngestionFollower(console);
        var finished = await follower.FollowAsync(api, [.. uploaded.Select(u => (Path.GetFileName(u.File), u.Document))], cancellationToken);
        follower.RenderSummary(finished);
        return refused == 0 && finished.All(d => d.Status == "ready") ? ExitCodes.Success : ExitCodes.Failure;
    }
}
