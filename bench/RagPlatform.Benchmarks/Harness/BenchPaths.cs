namespace RagPlatform.Benchmarks.Harness;

/// <summary>Default folders, relative to the repository root (found by walking up to
/// RagPlatform.sln) so the suite writes to the same place wherever it is started from.</summary>
internal static class BenchPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DefaultModelsDirectory => Path.Combine(RepositoryRoot, "artifacts", "bench-models");

    public static string DefaultResultsDirectory => Path.Combine(RepositoryRoot, "artifacts", "bench-results");

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "RagPlatform.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
