namespace RagPlatform.Infrastructure.Tests.Extraction.Hostile;

/// <summary>The committed hostile corpus, tests/fixtures/hostile, found above the test binaries.</summary>
internal static class HostileCorpus
{
    public static string Folder { get; } = FindFolder();

    public static string PathOf(string name) => Path.Combine(Folder, name);

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RagPlatform.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "fixtures", "hostile");
            }
        }

        throw new InvalidOperationException($"No RagPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
