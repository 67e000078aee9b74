using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagPlatform.Core.Access;

/// <summary>The API keys of one data folder: <c>keys.json</c> beside the database, written by `rag keys`
/// and read by the API (which reloads it when it changes). A JSON file rather than a table, so the CLI
/// needs neither a running server nor the database.</summary>
/// <remarks>Writes go to a temporary file that then replaces the old one, so a reader never sees half a
/// file. Two CLI commands writing at the very same moment: the last one wins.</remarks>
public sealed class ApiKeyFile(string path)
{
    public const string FileName = "keys.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Path { get; } = path;

    public static ApiKeyFile InDataDirectory(string dataDirectory) => new(System.IO.Path.Combine(dataDirectory, FileName));

    /// <summary>Every key, revoked ones included; none when the file does not exist.</summary>
    public async Task<IReadOnlyList<ApiKey>> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            var document = await JsonSerializer.DeserializeAsync<KeysDocument>(stream, Json, cancellationToken);
            return document?.Keys ?? [];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Adds a key and returns it with its secret, which exists nowhere else afterwards.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, ApiKeyScope scope, IReadOnlyList<string> collections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(collections);
        if (collections.FirstOrDefault(c => !Documents.CollectionName.IsValid(c)) is { } bad)
        {
            throw new InvalidOperationException($"'{bad}' is not a valid collection name: use {Documents.CollectionName.Rule}.");
        }

        var keys = (await LoadAsync(cancellationToken)).ToList();
        if (keys.Any(k => k.IsActive && string.Equals(k.Name, name, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"A key named '{name}' exists already; revoke it first or choose another name.");
        }

        var secret = ApiKeySecrets.NewSecret();
        var key = new ApiKey(ApiKeySecrets.NewId(), name, scope, [.. collections.Distinct(StringComparer.Ordinal)], ApiKeySecrets.Hash(secret), now);
        keys.Add(key);
        await SaveAsync(keys, cancellationToken);
        return (key, secret);
    }

    /// <summary>Revokes the active key with this id or name; null when there is none.</summary>
    public async Task<ApiKey?> RevokeAsync(string idOrName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = (await LoadAsync(cancellationToken)).ToList();
        var index = keys.FindIndex(k => k.IsActive && (string.Equals(k.Id, idOrName, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Name, idOrName, StringComparison.Ordinal)));
        if (index < 0)
        {
            return null;
        }

        keys[index] = keys[index].Revoke(now);
        await SaveAsync(keys, cancellationToken);
        return keys[index];
    }

    private async Task SaveAsync(IReadOnlyList<ApiKey> keys, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(folder);
        var temporary = System.IO.Path.Combine(folder, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, new KeysDocument(keys), Json, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // Hashes only, but nobody else needs to read them.
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private sealed record KeysDocument(IReadOnlyList<ApiKey> Keys);
}
