namespace RagPlatform.Api.Tests.Support;

/// <summary>Finds files of the repository from wherever the test binaries run.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TinyClipModel => Path.Combine(Root, "tests", "fixtures", "clip", "model");

    /// <summary>A file of the hostile corpus (tests/fixtures/hostile, see its README).</summary>
    public static string Hostile(string name) => Path.Combine(Root, "tests", "fixtures", "hostile", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RagPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RagPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
