using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>The runtime configuration an extractor process starts with: the shared frameworks of the
/// host that starts it, and nothing else of the host's settings (its GC settings are the host's, the
/// extractor sets its own through the environment).</summary>
/// <remarks>The extractor runs with the host's dependency manifest, and a host on the ASP.NET
/// framework (the API) leaves out of its folder the package assemblies that framework carries: the
/// extractor must run on the same frameworks to find them. Its own runtimeconfig names only
/// Microsoft.NETCore.App, which is all the ingest worker's runtime image has.</remarks>
internal static class ExtractorRuntimeConfig
{
    private static readonly Lazy<string?> ForThisHost = new(() => Write(HostRuntimeConfigPath()));

    /// <summary>A runtimeconfig file naming this host's frameworks, written once per content into the
    /// temporary folder; null when the host's configuration names none (self-contained, or not found),
    /// and the extractor then starts on its own.</summary>
    public static string? Path => ForThisHost.Value;

    private static string? HostRuntimeConfigPath()
    {
        var manifest = ExtractorLaunch.HostDependencyManifest();
        if (manifest is null || !manifest.EndsWith(".deps.json", StringComparison.Ordinal))
        {
            return null;
        }

        var config = manifest[..^".deps.json".Length] + ".runtimeconfig.json";
        return File.Exists(config) ? config : null;
    }

    private static string? Write(string? hostConfig)
    {
        if (hostConfig is null || JsonNode.Parse(File.ReadAllText(hostConfig))?["runtimeOptions"] is not JsonObject options)
        {
            return null;
        }

        var frameworks = options["frameworks"]?.DeepClone() ?? (options["framework"] is { } single ? new JsonArray(single.DeepClone()) : null);
        if (frameworks is null)
        {
            return null;
        }

        var json = new JsonObject { ["runtimeOptions"] = new JsonObject { ["tfm"] = options["tfm"]?.DeepClone(), ["frameworks"] = frameworks } }.ToJsonString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ragplatform-extractor-{hash}.runtimeconfig.json");
        if (!File.Exists(path))
        {
            // Written beside and moved into place: a concurrent host never reads half a file.
            var partial = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(partial, json);
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }
}
