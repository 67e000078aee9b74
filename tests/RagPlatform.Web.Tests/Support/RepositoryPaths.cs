namespace RagPlatform.Web.Tests.Support;

/// <summary>Finds files of the repository from wherever the test binaries run.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string OcrModels => Path.Combine(Root, "models", "ocr");

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
