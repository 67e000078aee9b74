namespace RagPlatform.Benchmarks.Vectors;

/// <summary>The engines the `vectors` suite can measure, in run order (--targets selects some).
/// Recall@k is always measured against an exact scan, so an approximate index shows its recall.</summary>
internal static class VectorSearchTargets
{
    public static IReadOnlyList<(string Name, Func<IVectorSearchTarget> Create)> All { get; } =
    [
        ("scan", () => new BruteForceScanTarget(parallel: false)),
        ("scan-parallel", () => new BruteForceScanTarget(parallel: true)),
        ("embedded-index", () => new VectorIndexSearchTarget("embedded-index", EmbeddedIndexFactory.CreateAsync)),
    ];

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
