using System.CommandLine;
using RagPlatform.Cli.Api;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag ingest &lt;files or folders&gt;`: uploads (or replaces), prints each file's outcome, then
/// follows each document's ingestion with a progress bar until it is ready or failed. Exits non-zero
/// when any file was refused or failed.</summary>
internal sealed class IngestCommand(Func<RagApiClient> client, IAnsiConsole console)
{
    public Command Build()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (folders are searched recursively for PDFs and images)", Arity = ArgumentArity.OneOrMore };
        var noWait = new Option<bool>("--no-wait") { Description = "Upload and return without waiting for ingestion" };
        var replace = new Option<bool>("--replace") { Description = "Replace the newest document with the same file name (keeping its id) instead of adding a second one; files with a new name are added" };
        var replaceId = new Option<string?>("--replace-id") { Description = "Replace this document (id, unique start of its id, or file name) with the one file given", HelpName = "document" };
        var command = new Command("ingest", "Upload documents, or replace changed ones, and follow their ingestion") { paths, noWait, replace, replaceId };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(paths)!, parse.GetValue(noWait), parse.GetValue(replace), parse.GetValue(replaceId), ct));
        return command;
    }

    private async Task<int> RunAsync(string[] paths, bool noWait, bool byName, string? replaceReference, CancellationToken cancellationToken)
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
        var replace = byName ? "byName" : null;
        if (replaceReference is not null)
        {
            if (byName || files.Count != 1)
            {
                console.MarkupLine("[red]--replace-id replaces one document with one file: give exactly one file, without --replace.[/]");
                return ExitCodes.UsageError;
            }

            var (targets, problems) = await DocumentReferences.ResolveAsync(api, [replaceReference], cancellationToken);
            foreach (var problem in problems)
            {
                console.MarkupLineInterpolated($"[red]{problem}[/]");
            }

            if (problems.Count > 0)
            {
                return ExitCodes.UsageError;
            }

            replace = targets[0].Id.ToString();
        }

        var uploaded = new List<(string File, DocumentView Document)>();
        var refused = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            try
            {
                var result = await api.UploadAsync(file, cancellationToken, replace);
                var id = DocumentReferences.ShortId(result.Document.Id);
                switch (result.Outcome)
                {
                    case "duplicate":
                        console.MarkupLineInterpolated($"Already uploaded {name} → {id} [grey]({result.Document.FileName})[/]");
                        break;
                    case "unchanged":
                        console.MarkupLineInterpolated($"Unchanged {name} → {id} [grey](the document already holds these bytes)[/]");
                        break;
                    case "replaced":
                        console.MarkupLineInterpolated($"Replaced {name} → {id}");
                        break;
                    default:
                        console.MarkupLineInterpolated($"Uploaded {name} → {id}");
                        break;
                }

                uploaded.Add((file, result.Document));
            }
            catch (RagApiException ex) when (ex.StatusCode != 0)
            {
                refused++;
                console.MarkupLineInterpolated($"[red]Refused[/] {name}: {ex.Message}");
            }
        }

        if (refused > 0)
        {
            console.MarkupLineInterpolated($"[red]{refused} of {files.Count} files refused.[/]");
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
