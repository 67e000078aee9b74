using System.CommandLine;
using System.Globalization;
using RagPlatform.Core.Access;
using Spectre.Console;

namespace RagPlatform.Cli.Commands;

/// <summary>`rag keys create|list|revoke`: API keys in the data folder's keys.json, written directly (no
/// server needed; a running server notices the change within a second).</summary>
internal sealed class KeysCommands(IAnsiConsole console, TimeProvider time)
{
    public Command Build()
    {
        var data = new Option<string>("--data")
        {
            Description = "The server's data folder (Storage:DataDirectory; default: $Storage__DataDirectory or ./data)",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Storage__DataDirectory") is { Length: > 0 } env ? env : "data",
        };

        var name = new Option<string>("--name") { Description = "What the key is for (unique among active keys)", Required = true };
        var scope = new Option<ApiKeyScope>("--scope") { Description = "read (list, search, ask), write (also upload, reindex, delete) or admin", DefaultValueFactory = _ => ApiKeyScope.Read };
        var collections = new Option<string[]>("--collection") { Description = "Limit the key to these collections (repeat or list; default: all): other collections answer 403, their documents 404", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "Create a key and print its secret (shown this once only)") { name, scope, collections };
        create.SetAction((parse, ct) => CreateAsync(File(parse.GetValue(data)!), parse.GetValue(name)!, parse.GetValue(scope), parse.GetValue(collections) ?? [], ct));

        var list = new Command("list", "Keys with their scope and state (never their secrets)");
        list.SetAction((parse, ct) => ListAsync(File(parse.GetValue(data)!), ct));

        var which = new Argument<string>("id-or-name") { Description = "The key's id or name" };
        var revoke = new Command("revoke", "Revoke a key: the server refuses it within a second") { which };
        revoke.SetAction((parse, ct) => RevokeAsync(File(parse.GetValue(data)!), parse.GetValue(which)!, ct));

        return new Command("keys", "API keys of a data folder (works without a running server)") { data, create, list, revoke };
    }

    private static ApiKeyFile File(string dataDirectory) => ApiKeyFile.InDataDirectory(dataDirectory);

    private async Task<int> CreateAsync(ApiKeyFile file, string name, ApiKeyScope scope, string[] collections, CancellationToken cancellationToken)
    {
        try
        {
            var (key, secret) = await file.CreateAsync(name, scope, collections, time.GetUtcNow(), cancellationToken);
            console.MarkupLineInterpolated($"Created key [bold]{key.Name}[/] (id {key.Id}, scope {Name(key.Scope)}) in {file.Path}.");
            console.MarkupLine("Its secret, shown this once only (send it as 'Authorization: Bearer <key>', or set RAG_API_KEY for rag):");
            console.WriteLine(secret);
            return ExitCodes.Success;
        }
        catch (InvalidOperationException ex)
        {
            console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return ExitCodes.UsageError;
        }
    }

    private async Task<int> ListAsync(ApiKeyFile file, CancellationToken cancellationToken)
    {
        var keys = await file.LoadAsync(cancellationToken);
        if (keys.Count == 0)
        {
            console.MarkupLineInterpolated($"No keys in {file.Path}; create one with rag keys create --name NAME --scope read|write|admin.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("Id", "Name", "Scope", "Collections", "Created", "State");
        foreach (var key in keys)
        {
            table.AddRow(
                key.Id,
                Markup.Escape(key.Name),
                Name(key.Scope),
                Markup.Escape(key.Collections.Count == 0 ? "all" : string.Join(", ", key.Collections)),
                key.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                key.RevokedAt is { } revoked ? $"revoked {revoked.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}" : "active");
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private async Task<int> RevokeAsync(ApiKeyFile file, string idOrName, CancellationToken cancellationToken)
    {
        var revoked = await file.RevokeAsync(idOrName, time.GetUtcNow(), cancellationToken);
        if (revoked is null)
        {
            console.MarkupLineInterpolated($"[red]No active key with id or name '{idOrName}' in {file.Path}.[/]");
            return ExitCodes.Failure;
        }

        console.MarkupLineInterpolated($"Revoked key {revoked.Name} (id {revoked.Id}).");
        return ExitCodes.Success;
    }

    private static string Name(ApiKeyScope scope) => scope.ToString().ToLowerInvariant();
}
