using RagPlatform.Storage.Files;

namespace RagPlatform.Benchmarks.Vectors;

/// <summary>The engines the `vectors` suite can measure, in run order (--targets selects some).
/// Recall@k is always measured against an exact scan, so an approximate index shows its recall.</summary>
internal static class VectorSearchTargets
{
    public static IReadOnlyList<(string Name, Func<IVectorSearchTarget> Create)> All { get; } =
    [
        ("scan", () => new BruteForceScanTarget(parallel: false)),
        ("scan-parallel", () => new BruteForceScanTarget(parallel: true)),
        ("embedded-quantized", () => Embedded("embedded-quantized", VectorScanMode.Quantized)),
        ("embedded-exact", () => Embedded("embedded-exact", VectorScanMode.Exact)),
    ];

    /// <summary>Inserted, then reopened from its files (timed as the reload) and searched as reopened.</summary>
    private static VectorIndexSearchTarget Embedded(string name, VectorScanMode scan)
    {
        var factory = new EmbeddedIndexFactory(scan);
        return new VectorIndexSearchTarget(name, factory.CreateAsync, factory.OpenAsync);
    }

    public static IReadOnlyList<(string Name, Func<IVectorSearchTarget> Create)> Select(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return All;
        }

        var unknown = names.Where(name => !All.Any(target => target.Name.Equals(name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown vector target(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", All.Select(target => target.Name))}.");
        }

        return [.. All.Where(target => names.Contains(target.Name, StringComparer.OrdinalIgnoreCase))];
    }
}
