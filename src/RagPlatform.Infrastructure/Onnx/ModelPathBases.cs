using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Where a relative model folder setting ("models/clip", "models/ocr") is looked for, in
/// order: the host's content root, the working directory, the application folder.</summary>
internal static class ModelPathBases
{
    public static IReadOnlyList<string> For(IServiceProvider provider)
    {
        var bases = new List<string>();
        if (provider.GetService<IHostEnvironment>() is { } environment)
        {
            bases.Add(environment.ContentRootPath);
        }

        bases.Add(Directory.GetCurrentDirectory());
        bases.Add(AppContext.BaseDirectory);
        return bases;
    }

    /// <summary>Resolves a configured folder: absolute as is; relative against each base in turn,
    /// taking the first that exists (or the first base when none does, for the error message).</summary>
    public static string ResolveFolder(string configured, IEnumerable<string> bases)
    {
        if (Path.IsPathRooted(configured))
        {
            return Path.GetFullPath(configured);
        }

        var candidates = bases.Distinct(StringComparer.Ordinal).Select(root => Path.GetFullPath(Path.Combine(root, configured))).ToList();
        return candidates.FirstOrDefault(Directory.Exists) ?? candidates[0];
    }
}
