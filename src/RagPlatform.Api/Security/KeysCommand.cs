using RagPlatform.Core.Access;

namespace RagPlatform.Api.Security;

/// <summary>`dotnet RagPlatform.Api.dll keys create|list|revoke`: the `rag keys` commands inside the API's
/// own binary, for a container that ships the API without the CLI. The data folder is the API's own
/// (Storage:DataDirectory from its settings and environment).</summary>
internal static class KeysCommand
{
    private const string Usage = "Usage: keys create --name NAME [--scope read|write|admin] [--collection NAME]... | keys list | keys revoke <id-or-name>";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "keys";

    public static async Task<int> RunAsync(string[] args, string dataDirectory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var file = ApiKeyFile.InDataDirectory(dataDirectory);
        var now = DateTimeOffset.UtcNow;
        switch (args.Skip(1).FirstOrDefault())
        {
            case "create" when Option(args, "--name") is { Length: > 0 } name && Enum.TryParse<ApiKeyScope>(Option(args, "--scope") ?? "read", ignoreCase: true, out var scope):
                try
                {
                    var (key, secret) = await file.CreateAsync(name, scope, Options(args, "--collection"), now, cancellationToken);
                    await output.WriteLineAsync($"Created key {key.Name} (id {key.Id}, scope {key.Scope.ToString().ToLowerInvariant()}). Its secret, shown this once only:");
                    await output.WriteLineAsync(secret);
                    return 0;
                }
                catch (InvalidOperationException ex)
                {
                    await error.WriteLineAsync(ex.Message);
                    return 2;
                }

            case "list":
                foreach (var key in await file.LoadAsync(cancellationToken))
                {
                    await output.WriteLineAsync($"{key.Id}  {key.Name}  {key.Scope.ToString().ToLowerInvariant()}  {(key.IsActive ? "active" : "revoked")}");
                }

                return 0;

            case "revoke" when args.Length > 2:
                var revoked = await file.RevokeAsync(args[2], now, cancellationToken);
                await (revoked is null ? error.WriteLineAsync($"No active key '{args[2]}'.") : output.WriteLineAsync($"Revoked key {revoked.Name} (id {revoked.Id})."));
                return revoked is null ? 1 : 0;

            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    /// <summary>Every value of a repeatable option.</summary>
    private static string[] Options(string[] args, string name) =>
        [.. args.Select((arg, i) => (arg, i)).Where(a => a.arg == name && a.i + 1 < args.Length).Select(a => args[a.i + 1])];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
