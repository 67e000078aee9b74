using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RagPlatform.Storage.Files;

namespace RagPlatform.Api.Security;

/// <summary>Takes the server's absolute paths out of texts that leave it (problem details, /api/status,
/// /health): the content root becomes a relative path, the data folder its setting's name, and any other
/// absolute path its last part. Where files live on the server is nobody's business but the operator's
/// (who sees them in the log).</summary>
internal sealed partial class ServerPaths
{
    private readonly (string Prefix, string Replacement)[] roots;

    public ServerPaths(IHostEnvironment environment, IOptions<StorageOptions> storage)
    {
        var data = Path.GetFullPath(storage.Value.DataDirectory, environment.ContentRootPath);
        roots = new (string, string)[]
            {
                (Trim(data), "<Storage:DataDirectory>"),
                (Trim(environment.ContentRootPath), "."),
                (Trim(AppContext.BaseDirectory), "."),
            }
            .Where(r => r.Item1.Length > 1)
            .OrderByDescending(r => r.Item1.Length)
            .ToArray();
    }

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var (prefix, replacement) in roots)
        {
            text = text.Replace(prefix + Path.DirectorySeparatorChar, replacement == "." ? string.Empty : replacement + "/", StringComparison.Ordinal)
                .Replace(prefix, replacement, StringComparison.Ordinal);
        }

        return AbsolutePath().Replace(text, m => "…/" + m.Groups["last"].Value);
    }

    private static string Trim(string path) => path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    /// <summary>A Unix path of two or more parts that is not one of the API's own routes.</summary>
    [GeneratedRegex(@"(?<![\w.:/])/(?!api/|docs|health|openapi/)(?:[^\s/'""()<>]+/)+(?<last>[^\s/'""()<>,;]*)")]
    private static partial Regex AbsolutePath();
}
