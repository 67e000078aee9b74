namespace RagPlatform.Infrastructure.Tests;

/// <summary>The repository's root folder (the one with RagPlatform.sln), found above the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "RagPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RagPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
